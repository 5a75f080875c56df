// Constants that build.mjs defines for esbuild.
/** True only in the test variant (dist/test/*): the card's shadow root is open so tests can read it. */
declare const __BACKSTORY_TEST__: boolean;

declare module 'backstory:pack' {
  const pack: import('./knowledge/pack').Pack;
  export default pack;
}

/** The slim pack for the content script (see cardPack in knowledge/pack.ts). */
declare module 'backstory:card-pack' {
  const pack: import('./knowledge/pack').CardPack;
  export default pack;
}

// Options entry: every setting, saved as soon as it changes (open tabs apply it at once through
// storage.onChanged), and redrawn when it changes elsewhere (the popup, another options page).
import browser from '../shared/browser';
import { localizePage, t } from '../shared/i18n';
import { loadSettings, onSettingsChanged, resetSettings, updateSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';
import { withSiteOff } from '../shared/sites';
import { entityChoices, styleChoices } from './choices';
import { SiteList } from './site-list';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  enabled: $<HTMLInputElement>('enabled'), entities: $('entities'), styles: $('styles'),
  delay: $<HTMLInputElement>('delay'), delayValue: $<HTMLOutputElement>('delay-value'),
  shortcut: $('shortcut'), reset: $<HTMLButtonElement>('reset'), statusText: $('status-text'), undo: $<HTMLButtonElement>('undo'),
};
const save = (change: (s: Settings) => Settings): void => void updateSettings(change);

function showDelay(ms: number): void {
  const text = t('optionsDelayValue', [String(ms)]);
  ui.delayValue.textContent = text;
  ui.delay.setAttribute('aria-valuetext', text);
}

const sites = new SiteList($('sites'), $('sites-empty'), $('add-site'), $('site-input'), $('site-error'), {
  add: (host) => save((s) => withSiteOff(s, host, true)),
  remove: (host) => save((s) => withSiteOff(s, host, false)),
});

function render(settings: Settings): void {
  ui.enabled.checked = settings.enabled;
  for (const box of ui.entities.querySelectorAll<HTMLInputElement>('input[data-entity]')) {
    box.checked = settings.entities[box.dataset['entity'] as keyof Settings['entities']];
  }
  for (const radio of ui.styles.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
    radio.checked = radio.value === settings.highlightStyle;
  }
  ui.delay.value = String(settings.hoverDelayMs);
  showDelay(settings.hoverDelayMs);
  sites.render(settings.disabledSites);
}

function wire(): void {
  ui.enabled.addEventListener('change', () => {
    const enabled = ui.enabled.checked;
    save((s) => ({ ...s, enabled }));
  });
  ui.entities.append(entityChoices((entity, on) => save((s) => ({ ...s, entities: { ...s.entities, [entity]: on } }))));
  ui.styles.append(styleChoices((highlightStyle) => save((s) => ({ ...s, highlightStyle }))));
  // Shown while dragging, saved when let go: one write per choice, not one per pixel.
  ui.delay.addEventListener('input', () => showDelay(Number(ui.delay.value)));
  ui.delay.addEventListener('change', () => {
    const hoverDelayMs = Number(ui.delay.value);
    save((s) => ({ ...s, hoverDelayMs }));
  });

  let beforeReset: Settings | null = null;
  ui.reset.addEventListener('click', () => {
    void loadSettings().then((previous) => {
      beforeReset = previous;
      return resetSettings();
    }).then(() => {
      ui.statusText.textContent = t('optionsResetDone');
      ui.undo.hidden = false;
    });
  });
  ui.undo.addEventListener('click', () => {
    const previous = beforeReset;
    if (!previous) return;
    void updateSettings(() => previous).then(() => {
      beforeReset = null;
      ui.statusText.textContent = t('optionsUndone');
      ui.undo.hidden = true;
      ui.reset.focus();
    });
  });

  // A tab of its own: the Knowledge page is too wide for the add-ons manager's embedded options.
  $('open-knowledge').addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('knowledge.html') }));

  onSettingsChanged(render, new AbortController().signal);
}

async function showShortcut(): Promise<void> {
  const command = (await browser.commands.getAll()).find((c) => c.name === 'next-mention');
  if (command?.shortcut) ui.shortcut.textContent = command.shortcut;
  // The user (or the browser, on a clash with another extension) left it unset: say so in words, not as keys.
  else ui.shortcut.replaceWith(t('optionsShortcutNone'));
}

localizePage(document);
wire();
void loadSettings().then(render);
void showShortcut();

// mark.js ships the same library built for ES2015 beside its ES5 main file; the content script uses that one
// (3 KiB smaller once minified). Its types are those of the package.
declare module 'mark.js/dist/mark.es6.js' {
  import Mark = require('mark.js');
  export = Mark;
}

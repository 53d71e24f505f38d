/**
 * wcc compiles each root (our miniprogram/, TDesign's miniprogram_dist) into code that keeps its
 * expression tables in one global object (__WXML_GLOBAL__.ops_set.$gwx, ops_cached.$gwx_<n>, the
 * files numbered per root). Two roots then share those keys and whichever renders first fills
 * them: a page can render with another file's table (a TDesign component showing the page's
 * values, or "Cannot read properties of undefined (reading '0')"), depending on load order and on
 * how many .wxml files exist. Prefixed to each root's compiled code, this gives the root its own
 * tables; the one-time WXS setup (it patches Function.prototype) stays shared. Used by the browser
 * preview and by the page tests alike.
 */
export const OWN_WXML_GLOBALS = `var $gwx, $gwn, $gwl, $gwxc;
var __WXML_GLOBAL__ = (function (shared) {
  var own = { modules: {}, ops_cached: {}, ops_set: {}, ops_init: {} };
  Object.defineProperty(own, 'wxs_nf_init', {
    get: function () { return shared.wxs_nf_init; },
    set: function (value) { shared.wxs_nf_init = value; },
  });
  return own;
})(globalThis.__WXML_GLOBAL__ || (globalThis.__WXML_GLOBAL__ = {}));
`;

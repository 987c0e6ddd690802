/**
 * What the browser lacks of a desktop Chrome, added to each document before its own
 * scripts run: the PDF plugins and `window.chrome` (Debian's headless shell has neither;
 * a full Chromium has both and is left alone), and `navigator.deviceMemory` as the
 * account's identity says (no CDP command sets it). Each part checks the page first, so
 * nothing the browser really has is replaced. Plain browser JavaScript.
 */

/** The plugins every desktop Chrome lists since version 94 (one PDF viewer under five names). */
const PDF_PLUGINS = [
  'PDF Viewer',
  'Chrome PDF Viewer',
  'Chromium PDF Viewer',
  'Microsoft Edge PDF Viewer',
  'WebKit built-in PDF',
];

export function identityInitScript(deviceMemory: number): string {
  return `(() => {
  'use strict';
  const pluginNames = ${JSON.stringify(PDF_PLUGINS)};
  const deviceMemory = ${JSON.stringify(deviceMemory)};
  // A getter replaced by a proxy of the native one still reads as native code.
  const replaceGetter = (proto, key, value) => {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !desc.get) return;
    Object.defineProperty(proto, key, { ...desc, get: new Proxy(desc.get, { apply: () => value }) });
  };
  const define = (target, values) => {
    for (const [key, value] of Object.entries(values)) {
      Object.defineProperty(target, key, { value, enumerable: false, configurable: true });
    }
  };
  try {
    if (navigator.deviceMemory !== deviceMemory) replaceGetter(Navigator.prototype, 'deviceMemory', deviceMemory);
  } catch (e) {}
  try {
    if (navigator.plugins.length === 0) {
      const mimeTypes = Object.create(MimeTypeArray.prototype);
      const plugins = Object.create(PluginArray.prototype);
      const mimes = ['application/pdf', 'text/pdf'].map((type) => {
        const mime = Object.create(MimeType.prototype);
        define(mime, { type, suffixes: 'pdf', description: 'Portable Document Format' });
        return mime;
      });
      const list = pluginNames.map((name) => {
        const plugin = Object.create(Plugin.prototype);
        define(plugin, { name, filename: 'internal-pdf-viewer', description: 'Portable Document Format', length: mimes.length });
        mimes.forEach((mime, i) => define(plugin, { [i]: mime, [mime.type]: mime }));
        define(plugin, { item: (i) => mimes[i] || null, namedItem: (n) => mimes.find((m) => m.type === n) || null });
        return plugin;
      });
      mimes.forEach((mime) => define(mime, { enabledPlugin: list[0] }));
      list.forEach((plugin, i) => define(plugins, { [i]: plugin, [plugin.name]: plugin }));
      mimes.forEach((mime, i) => define(mimeTypes, { [i]: mime, [mime.type]: mime }));
      define(plugins, {
        length: list.length,
        item: (i) => list[i] || null,
        namedItem: (n) => list.find((p) => p.name === n) || null,
        refresh: () => {},
      });
      define(mimeTypes, {
        length: mimes.length,
        item: (i) => mimes[i] || null,
        namedItem: (n) => mimes.find((m) => m.type === n) || null,
      });
      replaceGetter(Navigator.prototype, 'plugins', plugins);
      replaceGetter(Navigator.prototype, 'mimeTypes', mimeTypes);
      if (navigator.pdfViewerEnabled === false) replaceGetter(Navigator.prototype, 'pdfViewerEnabled', true);
    }
  } catch (e) {}
  try {
    if (window.chrome === undefined) {
      const started = Date.now() / 1000;
      const app = {
        isInstalled: false,
        InstallState: { DISABLED: 'disabled', INSTALLED: 'installed', NOT_INSTALLED: 'not_installed' },
        RunningState: { CANNOT_RUN: 'cannot_run', READY_TO_RUN: 'ready_to_run', RUNNING: 'running' },
        getDetails: function getDetails() { return null; },
        getIsInstalled: function getIsInstalled() { return false; },
        runningState: function runningState() { return 'cannot_run'; },
      };
      const csi = function csi() {
        return { startE: Math.round(started * 1000), onloadT: Date.now(), pageT: performance.now(), tran: 15 };
      };
      const loadTimes = function loadTimes() {
        return {
          requestTime: started, startLoadTime: started, commitLoadTime: started,
          finishDocumentLoadTime: started, finishLoadTime: started, firstPaintTime: started,
          firstPaintAfterLoadTime: 0, navigationType: 'Other', wasFetchedViaSpdy: false,
          wasNpnNegotiated: false, npnNegotiatedProtocol: 'unknown', wasAlternateProtocolAvailable: false,
          connectionInfo: 'http/1.1',
        };
      };
      Object.defineProperty(window, 'chrome', {
        value: { loadTimes, csi, app },
        writable: true,
        enumerable: true,
        configurable: false,
      });
    }
  } catch (e) {}
})();`;
}

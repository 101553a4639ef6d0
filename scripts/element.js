// The <esg-kpi-calculator> element: the part of the drop-in script written by hand. The
// post-build hook puts it after the wasm-bindgen glue and the inline wasm, inside the same
// function, and puts the widget's stylesheet in ESG_KPI_CSS. No eval, no inline
// handlers, no <style> element: the stylesheet is adopted by each shadow root, which a strict
// Content-Security-Policy (style-src 'self') allows.
var ESG_KPI_CSS = __ESG_KPI_CSS__;
if (window.customElements && !window.customElements.get('esg-kpi-calculator') && window.EsgKpi && window.EsgKpi.__mount) {
  var sheet = null;
  var styleSheet = function () {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(ESG_KPI_CSS);
    }
    return sheet;
  };
  var options = function (el) {
    return {
      lang: el.getAttribute('lang'),
      example: el.hasAttribute('example'),
      compact: el.hasAttribute('compact'),
      readonly: el.hasAttribute('readonly'),
      storageKey: el.getAttribute('storage-key'),
    };
  };
  class EsgKpiCalculator extends HTMLElement {
    static get observedAttributes() { return ['lang', 'compact', 'readonly']; }

    connectedCallback() {
      // A property set before the element was upgraded shadows the accessor: take it over.
      if (Object.prototype.hasOwnProperty.call(this, 'scenario')) {
        var early = this.scenario;
        delete this.scenario;
        this._pending = early;
      }
      if (this._widget) return;
      var root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styleSheet()];
      var mount = document.createElement('div');
      mount.className = 'esg-mount';
      root.replaceChildren(mount);
      this._widget = window.EsgKpi.__mount(mount, this, options(this));
      if (this._pending !== undefined) {
        var pending = this._pending;
        this._pending = undefined;
        this._widget.setScenario(pending);
      }
    }

    disconnectedCallback() {
      // Moved within the page: keep it. Removed: let it go (its autosave, if any, remains).
      var self = this;
      Promise.resolve().then(function () {
        if (!self.isConnected && self._widget) {
          self._widget.destroy();
          self._widget = null;
        }
      });
    }

    attributeChangedCallback(name, before, now) {
      if (!this._widget || before === now) return;
      if (name === 'lang') this._widget.setLang(now || '');
      else this._widget.setOptions(options(this));
    }

    /** The scenario shown, as a plain object (numbers as the user typed them). */
    get scenario() { return this._widget ? this._widget.scenario() : this._pending; }
    /** Replaces the scenario (as an import would: autosaved, undoable); bad input leaves it
     *  as it was and fires `input-error`. */
    set scenario(value) {
      if (this._widget) this._widget.setScenario(value);
      else this._pending = value;
    }
    /** The results of the contract (`esg-kpi-results/1`) for the KPIs shown. */
    get results() { return this._widget ? this._widget.results() : null; }
  }
  window.customElements.define('esg-kpi-calculator', EsgKpiCalculator);
}

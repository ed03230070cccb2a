/* Token-cost calculator: plain JavaScript, no framework, no network requests.
 *
 * The prices come from the page itself: a <script type="application/json" id="calculator-prices">
 * element generated from data/prices.csv by scripts/render/calculator.py. The arithmetic is in pure
 * functions on window.TokenCalc so tests can call them directly:
 *
 *   cost = input × ((1 − cache share) × input price + cache share × cached price) + output × output price
 *
 * with input and output in millions of tokens a month, prices in US$ per million tokens, and the
 * full input price used for models that list no cached-input price.
 */
(function () {
  "use strict";

  // The page loads this script itself, and instant navigation loads it again on each visit: set up
  // once, and afterwards only initialise the page that is showing.
  if (window.TokenCalc) {
    window.TokenCalc.init();
    return;
  }

  var MAX_MILLIONS = 1e6; // more than a million million tokens a month is a typo, not a workload
  var FIELDS = { input: { max: MAX_MILLIONS }, output: { max: MAX_MILLIONS }, cacheShare: { max: 100 } };
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

  // The words come from the page (data/messages.yaml, generated per edition), never from this file.
  var MESSAGES = {};

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(MESSAGES, key) ? MESSAGES[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function label(name) { return t("calc.field." + name); }

  /* ---- pure functions ----------------------------------------------------------------------- */

  function parseField(name, raw) {
    var spec = FIELDS[name];
    var named = { label: label(name) };
    var text = raw === undefined || raw === null ? "" : String(raw).trim();
    if (typeof raw === "number") {
      if (!isFinite(raw)) return { error: t("calc.error.finite", named) };
      text = String(raw);
    }
    if (text === "") return { error: t("calc.error.empty", named) };
    text = text.replace(/[\s_\u00a0\u202f]/g, "");
    if (text.indexOf(",") !== -1) return { error: t("calc.error.comma", named) };
    if (!NUMBER.test(text)) return { error: t("calc.error.nan", { label: named.label, raw: String(raw).trim() }) };
    var value = Number(text);
    if (!isFinite(value)) return { error: t("calc.error.large", named) };
    if (value < 0) return { error: t("calc.error.negative", named) };
    if (name === "cacheShare" && value > 100) return { error: t("calc.error.share", named) };
    if (value > spec.max) {
      return { error: t("calc.error.implausible",
        { label: named.label, value: value.toExponential(1).replace("e+", " × 10^") }) };
    }
    return { value: value };
  }

  /** Check a workload {input, output, cacheShare}: strings from the form or numbers. */
  function validate(workload) {
    var w = workload || {};
    var errors = [];
    var values = {};
    Object.keys(FIELDS).forEach(function (name) {
      var result = parseField(name, w[name]);
      if (result.error) errors.push({ field: name, message: result.error });
      else values[name] = result.value;
    });
    return { ok: errors.length === 0, errors: errors, values: errors.length ? null : values };
  }

  function priceNumber(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  /** Monthly cost in US$ of one price row for a workload, or null if either is unusable. */
  function monthlyCost(price, workload) {
    var check = validate(workload);
    if (!check.ok || !price || !priceNumber(price.input) || !priceNumber(price.output)) return null;
    var w = check.values;
    var share = w.cacheShare / 100;
    var cached = priceNumber(price.cached_input) ? price.cached_input : price.input;
    var cost = w.input * ((1 - share) * price.input + share * cached) + w.output * price.output;
    return isFinite(cost) ? cost : null;
  }

  /**
   * Cost every price row for one workload. Rows come back cheapest first (ties keep their order),
   * with `ratio` = cost ÷ the reference row's cost (null if the reference is free or absent) and
   * `cheapest` set on the lowest-cost rows when the costs differ.
   */
  function compare(prices, workload, referenceId) {
    var check = validate(workload);
    if (!check.ok) return { ok: false, errors: check.errors, rows: [], reference: null };
    var list = (prices || []).filter(function (p) { return p && priceNumber(p.input) && priceNumber(p.output); });
    var rows = list.map(function (p, i) {
      return { id: p.id, price: p, cost: monthlyCost(p, check.values), order: i };
    });
    var ref = null;
    rows.forEach(function (r) { if (r.id === referenceId) ref = r; });
    var min = Infinity, max = -Infinity;
    rows.forEach(function (r) { min = Math.min(min, r.cost); max = Math.max(max, r.cost); });
    rows.forEach(function (r) {
      r.ratio = ref && ref.cost > 0 ? r.cost / ref.cost : null;
      r.cheapest = rows.length > 1 && max > min && r.cost === min;
      r.reference = r === ref;
    });
    rows.sort(function (a, b) { return a.cost - b.cost || a.order - b.order; });
    rows.forEach(function (r) { delete r.order; });
    return { ok: true, errors: [], rows: rows, reference: ref ? ref.id : null, workload: check.values };
  }

  function grouped(value, decimals) {
    var fixed = value.toFixed(decimals);
    var parts = fixed.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  /** A workload figure as typed, with thousands separators and no trailing zeros. */
  function formatAmount(value) {
    return grouped(value, 6).replace(/0+$/, "").replace(/\.$/, "");
  }

  /** US$ with 2 decimals; small amounts keep two significant digits (up to 6 decimals). */
  function formatUsd(value) {
    if (typeof value !== "number" || !isFinite(value)) return "\u2013";
    if (value === 0) return t("calc.usd", { amount: "0.00" });
    if (value >= 0.01) return t("calc.usd", { amount: grouped(value, 2) });
    if (value < 0.000001) return t("calc.usd_tiny");
    var decimals = Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(value))));
    return t("calc.usd", { amount: value.toFixed(decimals) });
  }

  function formatRatio(value) {
    if (typeof value !== "number" || !isFinite(value)) return t("calc.na");
    if (value >= 10) return grouped(value, 0) + "\u00d7";
    if (value >= 0.995) return value.toFixed(1).replace(/\.0$/, "") + "\u00d7";
    if (value === 0) return "0\u00d7";
    if (value < 0.0001) return t("calc.ratio_tiny");
    return String(Number(value.toPrecision(2))) + "\u00d7"; // two significant digits: 0.033×
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    var months = t("calc.months").split(" ");
    return m ? t("calc.date", { day: Number(m[3]), month: months[Number(m[2]) - 1], year: m[1] }) : "";
  }

  function describe(p) {
    var when = p.valid_to ? formatDate(p.valid_from) + " \u2013 " + formatDate(p.valid_to)
      : t("calc.from", { date: formatDate(p.valid_from) });
    return p.provider + ", " + t("tier." + p.tier) + ", " + when;
  }

  /* ---- the page ----------------------------------------------------------------------------- */

  /*
   * The JSON sits inside a <template>: Material's instant navigation re-creates every <script> in
   * the new page without its attributes, which would run the JSON as JavaScript and drop its id.
   * Template content is inert, so the element arrives intact.
   */
  function readJson(doc, id) {
    var node = doc.getElementById(id);
    var holder = doc.getElementById("calculator-data");
    if (!node && holder && holder.content) node = holder.content.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  function readPrices(doc) {
    var data = readJson(doc, "calculator-prices");
    return data && Array.isArray(data.prices) ? data : null;
  }

  function el(doc, tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init() {
    var doc = document;
    var form = doc.getElementById("token-calculator");
    if (!form || form.getAttribute("data-ready") === "true") return;
    var data = readPrices(doc);
    MESSAGES = readJson(doc, "calculator-messages") || MESSAGES;
    var root = doc.getElementById("calculator-app");
    if (!data || !data.prices.length) {
      var out = doc.getElementById("calculator-results");
      if (out) out.textContent = t("calc.no_prices");
      return;
    }
    form.setAttribute("data-ready", "true");
    var byId = {};
    data.prices.forEach(function (p) { byId[p.id] = p; });

    doc.querySelectorAll("[data-calc-as-of]").forEach(function (n) { n.textContent = formatDate(data.as_of); });
    var sets = data.sets || {};
    doc.querySelectorAll("[data-calc-set-date]").forEach(function (n) {
      n.textContent = formatDate(sets[n.getAttribute("data-calc-set-date")]);
    });

    // Model checkboxes: the prices still in force on the latest date are ticked to start with.
    var list = doc.getElementById("calc-models");
    var defaults = (form.getAttribute("data-default-models") || "").split(/\s+/).filter(function (id) { return byId[id]; });
    data.prices.forEach(function (p, i) {
      var id = "calc-model-" + i;
      var item = el(doc, "li");
      var box = el(doc, "input", { type: "checkbox", id: id, name: "model", value: p.id });
      box.checked = defaults.length ? defaults.indexOf(p.id) !== -1 : !p.valid_to && p.tier === "standard";
      var label = el(doc, "label", { for: id });
      label.appendChild(el(doc, "span", { "class": "calc-model-name" }, p.model));
      label.appendChild(doc.createTextNode(" "));
      label.appendChild(el(doc, "span", { "class": "calc-model-meta" }, "(" + describe(p) + ")"));
      (p.sets || []).forEach(function (name) {
        label.appendChild(doc.createTextNode(" "));
        label.appendChild(el(doc, "span", { "class": "calc-badge calc-badge--set" }, t("calc.set." + name)));
      });
      item.setAttribute("data-sets", (p.sets || []).join(" "));
      item.appendChild(box);
      item.appendChild(label);
      list.appendChild(item);
    });

    var refSelect = doc.getElementById("calc-reference");
    data.prices.forEach(function (p) {
      refSelect.appendChild(el(doc, "option", { value: p.id }, p.model + " (" + describe(p) + ")"));
    });
    var wanted = form.getAttribute("data-default-reference");
    refSelect.value = byId[wanted] ? wanted : data.prices[0].id;

    // A price set ticks its own lists and hides the others from the list; "all" shows every list.
    function applySet(name) {
      list.querySelectorAll("li").forEach(function (item) {
        var inSet = name === "all" || (item.getAttribute("data-sets") || "").split(" ").indexOf(name) !== -1;
        item.hidden = !inSet;
        item.querySelector("input[name=model]").checked = name !== "all" && inSet;
      });
      var ref = form.getAttribute(name === "current" ? "data-default-reference-current" : "data-default-reference");
      if (byId[ref]) refSelect.value = ref;
    }
    form.querySelectorAll("input[name=priceSet]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) { applySet(radio.value); update(); } });
    });
    if (!defaults.length) applySet("early-2025");

    var inputs = {
      input: doc.getElementById("calc-input"),
      output: doc.getElementById("calc-output"),
      cacheShare: doc.getElementById("calc-cache")
    };
    var results = doc.getElementById("calculator-results");

    function showErrors(errors) {
      Object.keys(inputs).forEach(function (name) {
        var field = inputs[name];
        var msg = doc.getElementById(field.id + "-error");
        var found = errors.filter(function (e) { return e.field === name; })[0];
        if (found) {
          field.setAttribute("aria-invalid", "true");
          msg.textContent = found.message;
          msg.hidden = false;
        } else {
          field.removeAttribute("aria-invalid");
          msg.textContent = "";
          msg.hidden = true;
        }
      });
    }

    function selected() {
      return Array.prototype.filter.call(list.querySelectorAll("input[name=model]"), function (b) { return b.checked; })
        .map(function (b) { return byId[b.value]; });
    }

    function message(text) {
      results.textContent = "";
      results.appendChild(el(doc, "p", { "class": "calc-message" }, text));
    }

    function update() {
      var workload = { input: inputs.input.value, output: inputs.output.value, cacheShare: inputs.cacheShare.value };
      var check = validate(workload);
      showErrors(check.errors);
      var modelsError = doc.getElementById("calc-models-error");
      var chosen = selected();
      modelsError.hidden = chosen.length > 0;
      modelsError.textContent = chosen.length ? "" : t("calc.choose");
      if (!check.ok) {
        message(t(check.errors.length > 1 ? "calc.fix_many" : "calc.fix_one"));
        return;
      }
      if (!chosen.length) {
        message(t("calc.choose_to_see"));
        return;
      }
      var refId = refSelect.value;
      var compared = chosen.slice();
      if (chosen.indexOf(byId[refId]) === -1) compared.push(byId[refId]); // the reference is always shown
      var result = compare(compared, workload, refId);
      render(result, byId[refId]);
    }

    function render(result, ref) {
      results.textContent = "";
      var w = result.workload;
      var cheapest = result.rows.filter(function (r) { return r.cheapest; });
      var summary = t("calc.summary", { input: formatAmount(w.input), share: formatAmount(w.cacheShare),
        output: formatAmount(w.output) });
      summary += cheapest.length
        ? t("calc.cheapest", {
          models: cheapest.map(function (r) { return r.price.model + " (" + t("tier." + r.price.tier) + ")"; })
            .join(t("calc.and")),
          cost: formatUsd(cheapest[0].cost) })
        : t("calc.same");
      results.appendChild(el(doc, "p", { "class": "calc-summary" }, summary));

      var table = el(doc, "table", { "class": "calc-table" });
      table.appendChild(el(doc, "caption", {}, t("calc.caption", { model: ref.model, describe: describe(ref) })));
      var head = el(doc, "tr");
      var cols = { model: t("calc.col.model"), list: t("calc.col.list"), cost: t("calc.col.cost"), ratio: t("calc.col.ratio") };
      [cols.model, cols.list, cols.cost, cols.ratio].forEach(function (h) {
        head.appendChild(el(doc, "th", { scope: "col" }, h));
      });
      var thead = el(doc, "thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var body = el(doc, "tbody");
      result.rows.forEach(function (r) {
        var p = r.price;
        var tr = el(doc, "tr", { "data-price-id": p.id, "data-cost": String(r.cost) });
        if (r.cheapest) tr.className = "calc-cheapest";
        var th = el(doc, "th", { scope: "row", "data-label": cols.model }, p.model);
        if (r.cheapest) {
          th.appendChild(doc.createTextNode(" "));
          th.appendChild(el(doc, "strong", { "class": "calc-badge" }, t("calc.badge.cheapest")));
        }
        if (r.reference) {
          th.appendChild(doc.createTextNode(" "));
          th.appendChild(el(doc, "span", { "class": "calc-badge calc-badge--ref" }, t("calc.badge.reference")));
        }
        tr.appendChild(th);
        var notes = describe(p);
        if (p.currency !== "USD") notes += t("calc.converted", { currency: p.currency });
        if (p.cached_input === null || p.cached_input === undefined) notes += t("calc.no_cached");
        tr.appendChild(el(doc, "td", { "data-label": cols.list }, notes));
        tr.appendChild(el(doc, "td", { "class": "calc-num calc-cost", "data-label": cols.cost }, formatUsd(r.cost)));
        tr.appendChild(el(doc, "td", { "class": "calc-num calc-ratio", "data-label": cols.ratio }, r.reference ? "1\u00d7" : formatRatio(r.ratio)));
        body.appendChild(tr);
      });
      table.appendChild(body);
      var wrap = el(doc, "div", { "class": "calc-table-wrap", tabindex: "0", role: "region", "aria-label": t("calc.region") });
      wrap.appendChild(table);
      results.appendChild(wrap);
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    doc.getElementById("calc-all").addEventListener("click", function () {
      list.querySelectorAll("li:not([hidden]) input[name=model]").forEach(function (b) { b.checked = true; });
      update();
    });
    doc.getElementById("calc-none").addEventListener("click", function () {
      list.querySelectorAll("input[name=model]").forEach(function (b) { b.checked = false; });
      update();
    });
    if (root) root.hidden = false;
    update();
  }

  window.TokenCalc = {
    monthlyCost: monthlyCost,
    validate: validate,
    compare: compare,
    formatUsd: formatUsd,
    formatRatio: formatRatio,
    init: init
  };

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

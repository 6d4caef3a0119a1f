// report/index.html: language switch and ECharts charts. Data comes from the JSON block (JSON.parse);
// text reaches the page only through textContent and ECharts (SVG renderer, rich-text tooltips): never as markup.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels;
  var lang = 'en';
  var charts = [];

  function label(prefix, code) {
    var l = L[prefix + '.' + code];
    return l ? l[lang] : String(code);
  }
  function word(key) { return L[key] ? L[key][lang] : key; }

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: 'svg' });
    option.animation = false;
    option.tooltip = Object.assign({ renderMode: 'richText', confine: true }, option.tooltip || {});
    c.setOption(option);
    charts.push(c);
  }

  var TIER_COLOURS = { 50: '#c0392b', 500: '#e67e22', 5000: '#5470c6' };

  function classesChart() {
    var rows = data.classes || [];
    if (!rows.length) { return; }
    var unit = data.classes_unit === 'columns' ? (lang === 'zh' ? '列数' : 'columns') : word('chart.pieces');
    chart('chart-classes', {
      grid: { left: 170, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', name: unit },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return label('class', r.code); }) },
      series: [{ type: 'bar', name: unit, label: { show: true, position: 'right' },
        data: rows.map(function (r) {
          return { value: r.value, itemStyle: { color: TIER_COLOURS[r.tier] || '#91a0b5' } };
        }) }]
    });
  }

  function thresholdsChart() {
    var rows = data.thresholds || [];
    if (!rows.length) { return; }
    var names = rows.map(function (r) { return (r.scope === 'seller' ? (lang === 'zh' ? '卖方 ' : 'seller ') : '') + r.id; });
    var series = [50, 500, 5000].map(function (tier, i) {
      return { type: 'bar', stack: 'ratio', name: word('chart.tier' + tier),
        itemStyle: { color: TIER_COLOURS[tier] },
        data: rows.map(function (r) { return r.tiers[i] ? r.tiers[i].ratio : 0; }) };
    });
    var max = 0;
    rows.forEach(function (r) {
      var sum = r.tiers.reduce(function (a, t) { return a + t.ratio; }, 0);
      if (sum > max) { max = sum; }
    });
    var lines = [{ xAxis: 1, lineStyle: { color: '#c0392b' }, label: { formatter: word('chart.serious') } }];
    if (max >= 5) {
      lines.push({ xAxis: 10, lineStyle: { color: '#7b1d12' }, label: { formatter: word('chart.particularly') } });
    }
    series[0].markLine = { symbol: 'none', silent: true, data: lines };
    chart('chart-thresholds', {
      legend: { top: 0 },
      grid: { left: 170, right: 60, top: 40, bottom: 40 },
      // linear axis: a log axis cannot stack bars from zero
      xAxis: { type: 'value', max: Math.max(1.2, max >= 5 ? Math.max(11, max * 1.1) : max * 1.1),
        name: word('chart.ratio'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', inverse: true, data: names },
      series: series
    });
  }

  function resaleChart() {
    var edges = data.resale || [];
    if (!edges.length) { return; }
    chart('chart-resale', {
      series: [{ type: 'graph', layout: 'circular', roam: false, symbolSize: 46,
        label: { show: true, position: 'bottom' },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 10,
        edgeLabel: { show: true, formatter: function (p) { return p.data.caption; } },
        lineStyle: { width: 2, curveness: 0.15 },
        data: data.resale_nodes.map(function (n) { return { name: n }; }),
        links: edges.map(function (e) {
          return { source: e.from, target: e.to,
            caption: label('relation', e.relation_code) + (e.containment ? ' ' + e.containment : '') };
        }) }]
    });
  }

  function timelineChart() {
    var ws = data.windows || [];
    if (!ws.length) { return; }
    var cats = ws.map(function (w) { return w.dump + ' ← ' + w.platform; });
    function day(s) { return s ? Date.parse(s + 'T00:00:00Z') : null; }
    chart('chart-timeline', {
      grid: { left: 220, right: 40, top: 30, bottom: 40 },
      legend: { top: 0 },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', inverse: true, data: cats },
      series: [{
        type: 'custom', name: word('chart.window'), itemStyle: { color: '#5470c6' },
        encode: { x: [1, 2], y: 0 },
        renderItem: function (params, api) {
          var from = api.coord([api.value(1), api.value(0)]);
          var to = api.coord([api.value(2), api.value(0)]);
          var h = api.size([0, 1])[1] * 0.5;
          return { type: 'rect', style: api.style(),
            shape: { x: from[0], y: from[1] - h / 2, width: Math.max(to[0] - from[0], 3), height: h } };
        },
        data: ws.map(function (w, i) {
          var f = day(w.from || w.to), t = day(w.to || w.from);
          return [i, f, t];
        })
      }, {
        type: 'scatter', name: word('chart.obtained'), symbolSize: 10, itemStyle: { color: '#c0392b' },
        data: ws.filter(function (w) { return w.obtained; }).map(function (w) {
          return [day(w.obtained), ws.indexOf(w)];
        }).map(function (p) { return [p[0], cats[p[1]]]; })
      }]
    });
  }

  function accountingChart() {
    var rows = data.accounting || [];
    if (!rows.length) { return; }
    var reasons = [];
    rows.forEach(function (r) {
      Object.keys(r.quarantined).forEach(function (k) { if (reasons.indexOf(k) < 0) { reasons.push(k); } });
    });
    var series = [{ type: 'bar', stack: 'lines', name: word('chart.parsed'), itemStyle: { color: '#2d6a4f' },
      data: rows.map(function (r) { return r.parsed; }) }];
    reasons.forEach(function (k) {
      series.push({ type: 'bar', stack: 'lines', name: label('reason', k),
        data: rows.map(function (r) { return r.quarantined[k] || 0; }) });
    });
    chart('chart-accounting', {
      legend: { top: 0, type: 'scroll' },
      grid: { left: 170, right: 40, top: 40, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.id; }) },
      series: series
    });
  }

  function drawCharts() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    classesChart();
    thresholdsChart();
    resaleChart();
    timelineChart();
    accountingChart();
  }

  function setLang(l) {
    lang = l === 'zh' ? 'zh' : 'en';
    var root = document.documentElement;
    root.classList.remove('l-zh', 'l-en');
    root.classList.add('l-' + lang);
    root.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    document.querySelectorAll('[data-set-lang]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-set-lang') === lang));
    });
    drawCharts();
  }

  document.querySelectorAll('[data-set-lang]').forEach(function (b) {
    b.addEventListener('click', function () { setLang(b.getAttribute('data-set-lang')); });
  });
  var nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  setLang(/^zh\b/i.test(nav) ? 'zh' : 'en');
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  // printed (a PDF for filing): the page is narrower than the window the charts were drawn in
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });

  // Self-check for the reader: resources fetched by this page (expected 0; the CSP forbids them anyway).
  var fetched = (performance.getEntriesByType ? performance.getEntriesByType('resource') : []).length;
  var check = document.getElementById('resource-check');
  check.setAttribute('data-resources', String(fetched));
  check.textContent = fetched === 0 ? '✓' : '✗ ' + fetched;
}());

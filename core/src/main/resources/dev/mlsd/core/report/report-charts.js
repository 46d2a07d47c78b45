// Draws every <div class="chart" data-chart="i"> from the i-th option in #mlsd-charts and counts the
// charts drawn on <html data-charts-drawn>.
(function () {
  var html = document.documentElement;
  var specs = JSON.parse(document.getElementById('mlsd-charts').textContent);
  html.setAttribute('data-charts-expected', String(specs.length));
  // A horizontal error bar [lo, hi] at category y: the renderItem of "interval" charts.
  function errorBar(params, api) {
    var y = api.value(2);
    var a = api.coord([api.value(0), y]);
    var b = api.coord([api.value(1), y]);
    var h = api.size([0, 1])[1] * 0.25;
    var style = { stroke: '#1d2430', lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: style },
        { type: 'line', shape: { x1: a[0], y1: a[1] - h, x2: a[0], y2: a[1] + h }, style: style },
        { type: 'line', shape: { x1: b[0], y1: b[1] - h, x2: b[0], y2: b[1] + h }, style: style }
      ]
    };
  }
  var functions = { errorBar: errorBar };
  var drawn = 0;
  var charts = [];
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var option = specs[Number(el.getAttribute('data-chart'))];
    (option.series || []).forEach(function (s) {
      if (typeof s.renderItem === 'string') { s.renderItem = functions[s.renderItem]; }
    });
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    charts.push(chart);
    drawn++;
    html.setAttribute('data-charts-drawn', String(drawn));
  });
  html.setAttribute('data-charts-drawn', String(drawn));
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();

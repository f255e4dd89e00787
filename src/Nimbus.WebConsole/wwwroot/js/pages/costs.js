// Costs: this month by service and by function, free-tier consumption as bars, the month-end projection and the
// day-by-day chart, from /_nimbus/costs (priced like AWS's bill).
import { nimbus } from '../aws.js';
import { barChart, lineChart } from '../charts.js';
import { h, money } from '../dom.js';

export async function render(main, _args, live) {
  main.append(h('h1', {}, 'Costs'));
  const summary = h('p', { 'data-testid': 'cost-summary' });
  const panels = Array.from({ length: 4 }, () => h('div', { class: 'card' }));
  main.append(summary, h('div', { class: 'cards' }, ...panels));
  await live.every(10000, async () => {
    const report = await nimbus('/_nimbus/costs');
    // The projection is rounded to cents: a month of fractions of a cent projects to "under $0.01", not "$0.00".
    const projected = report.projectedMonthEnd < 0.01 && report.total > 0 ? 'under $0.01' : money(report.projectedMonthEnd);
    summary.replaceChildren(`${report.month}: ${money(report.total)} so far, `, h('strong', {}, projected),
      ' projected by the end of the month (AWS prices, ', report.region, ').');
    barChart(panels[0], { title: 'By service', bars: report.services.map(s => ({ label: s.name, value: s.cost })), format: money });
    barChart(panels[1], { title: 'By function', bars: report.functions.map(f => ({ label: f.functionName, value: f.cost })), format: money });
    barChart(panels[2], {
      title: 'Free tier used this month',
      bars: report.freeTier.map(p => ({ label: p.name, value: p.used, max: p.allowance, note: `${Math.round((100 * p.used) / p.allowance)}%` })),
    });
    const days = report.days.map(d => ({ t: new Date(d.date + 'T12:00:00Z'), v: d.cost }));
    const now = new Date();
    lineChart(panels[3], {
      title: 'Cost per day', unit: 'USD', days: true, series: [{ name: 'Cost', points: days }],
      from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
    });
  });
}

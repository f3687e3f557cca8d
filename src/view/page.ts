// The viewer's one page: inline CSS and script, no data. The script fetches a round's replay
// (/round?n=N, see replay.ts) and plays its events onto a canvas grid of the core; the process
// chart is ECharts, served by the same server (/echarts.min.js), so nothing leaves 127.0.0.1.

export function viewerHtml(initialRound: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>drq view</title>
<link rel="icon" href="data:,">
<style>
body { font: 14px system-ui, sans-serif; margin: 16px; background: #fafafa; color: #222; }
#core { background: #111; image-rendering: pixelated; display: block; margin: 8px 0; }
#controls button, #controls select { margin-right: 6px; }
#legend span { display: inline-block; margin-right: 16px; }
#legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
#procs { width: 820px; height: 220px; }
#status { font-family: monospace; }
.outcome { font-weight: bold; }
</style>
</head>
<body>
<h1>drq view</h1>
<p id="meta"></p>
<div id="controls">
  <label>Round <select id="round"></select></label>
  <button id="play">Play</button>
  <button id="step">Step</button>
  <button id="end">To end</button>
  <label>Speed <select id="speed">
    <option value="1">1</option><option value="10">10</option><option value="100" selected>100</option>
    <option value="1000">1000</option><option value="10000">10000</option>
  </select> instructions per frame</label>
</div>
<div id="legend"></div>
<canvas id="core"></canvas>
<p id="status"></p>
<p id="round-winner" class="outcome"></p>
<p id="winner" class="outcome"></p>
<div id="procs"></div>
<script src="/echarts.min.js"></script>
<script>
const $ = (id) => document.getElementById(id);
const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45'];
const colour = (w) => COLORS[w] ?? 'hsl(' + ((w * 137.5) % 360) + ', 70%, 55%)';
// Access kinds, in the order a cell shows them: a read is overdrawn by a write or an execution.
const READ = 1, WRITE = 2, EXEC = 3;
const FADE = 400; // instructions after which an access no longer lights its cell

let replay, events, total, t, owner, lastAt, lastKind, lastBy, procs, playing = false, cols, cell, chart, marked = 0;

function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Uint32Array(bytes.buffer);
}

function reset() {
  const cs = replay.settings.coresize;
  owner = new Int8Array(cs).fill(-1);
  lastAt = new Int32Array(cs).fill(-FADE);
  lastKind = new Uint8Array(cs);
  lastBy = new Int8Array(cs);
  const n = replay.warriors.length, r = replay.round;
  // Loaded in turn order from the first mover, as pMARS copies them (matters only on overlap).
  for (let k = 0; k < n; k++) {
    const w = (r.firstMover + k) % n;
    for (let i = 0; i < replay.warriors[w].length; i++) owner[(r.positions[w] + i) % cs] = w;
  }
  procs = replay.warriors.map(() => 1);
  t = 0;
}

function touch(address, w, kind) {
  if (lastAt[address] === t && lastKind[address] > kind) return;
  lastAt[address] = t;
  lastKind[address] = kind;
  lastBy[address] = w;
}

/** Apply event t: the instruction's reads, its write, its execution and its process change. */
function apply() {
  const lo = events[2 * t], hi = events[2 * t + 1];
  const pc = lo & 0xffff, b = lo >>> 16, a = hi & 0xffff, op = (hi >>> 16) & 31, queued = (hi >>> 21) & 3, w = hi >>> 24;
  touch(a, w, READ);
  if (replay.writing.includes(op)) {
    touch(b, w, WRITE);
    owner[b] = w;
  } else {
    touch(b, w, READ);
  }
  touch(pc, w, EXEC);
  procs[w] += queued - 1;
  t++;
}

function layout() {
  const cs = replay.settings.coresize;
  cols = Math.ceil(Math.sqrt(cs * 1.6));
  cell = Math.max(1, Math.floor(820 / cols));
  const canvas = $('core');
  canvas.width = cols * cell;
  canvas.height = Math.ceil(cs / cols) * cell;
}

function draw() {
  const ctx = $('core').getContext('2d');
  const cs = replay.settings.coresize;
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, cols * cell, Math.ceil(cs / cols) * cell);
  for (let c = 0; c < cs; c++) {
    const age = t - lastAt[c];
    const lit = age < FADE;
    if (owner[c] < 0 && !lit) continue;
    if (lit) {
      ctx.fillStyle = lastKind[c] === EXEC && age < replay.warriors.length * 2 ? '#fff' : colour(lastBy[c]);
      ctx.globalAlpha = lastKind[c] === READ ? 0.55 : 1 - 0.5 * age / FADE;
    } else {
      ctx.fillStyle = colour(owner[c]);
      ctx.globalAlpha = 0.3;
    }
    ctx.fillRect((c % cols) * cell, Math.floor(c / cols) * cell, cell, cell);
  }
  ctx.globalAlpha = 1;
  const names = replay.warriors.map((w, i) => w.name + ': ' + procs[i]).join(' · ');
  $('status').textContent = 'instruction ' + t + ' of ' + total + (replay.round.truncated ? ' (trace truncated: ' + replay.round.executed + ' executed)' : '') + ' · processes ' + names;
  // The chart's position line follows at most ten times a second: redrawing it costs more than the core.
  if (chart && (performance.now() - marked > 100 || t === total)) {
    marked = performance.now();
    chart.setOption({ series: [{ id: 'now', markLine: { symbol: 'none', data: [{ xAxis: t }] } }] });
  }
  if (t === total) finish();
}

/** At the end of the round: its outcome from the replayed processes, and the battle's winner. */
function finish() {
  const r = replay.round;
  const survived = r.truncated ? r.survived : procs.map((p) => p > 0);
  const alive = replay.warriors.filter((_, i) => survived[i]);
  const roundText = alive.length === 1 ? alive[0].name + ' wins' : alive.length === 0 ? 'no survivor' : 'tie (' + alive.length + ' survive)';
  $('round-winner').textContent = 'Round ' + r.round + ': ' + roundText;
  $('round-winner').dataset.winner = alive.length === 1 ? alive[0].name : 'tie';
  const b = replay.battle;
  const name = b.winner === null ? 'tie' : replay.warriors[b.winner].name;
  $('winner').textContent = 'Battle (' + replay.settings.rounds + ' rounds): ' + (b.winner === null ? 'tie' : name + ' wins') + ', scores ' + b.scores.join(' : ');
  $('winner').dataset.winner = name;
  stop();
}

function processSeries() {
  const count = replay.warriors.map(() => 1);
  const stride = Math.max(1, Math.ceil(total / 600));
  const data = replay.warriors.map(() => [[0, 1]]);
  for (let i = 0; i < total; i++) {
    const hi = events[2 * i + 1];
    count[hi >>> 24] += ((hi >>> 21) & 3) - 1;
    if ((i + 1) % stride === 0 || i + 1 === total) count.forEach((c, w) => data[w].push([i + 1, c]));
  }
  return data;
}

function drawChart() {
  chart ??= echarts.init($('procs'));
  const series = processSeries();
  chart.setOption({
    animation: false,
    title: { text: 'Processes', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    xAxis: { type: 'value', name: 'instruction', max: Math.max(1, total) },
    yAxis: { type: 'value' },
    series: [
      ...replay.warriors.map((w, i) => ({ name: w.name, type: 'line', showSymbol: false, data: series[i], color: colour(i) })),
      { id: 'now', type: 'line', data: [], markLine: { symbol: 'none', data: [{ xAxis: 0 }] } },
    ],
  }, true);
}

function frame() {
  if (!playing) return;
  const speed = Number($('speed').value);
  for (let k = 0; k < speed && t < total; k++) apply();
  draw();
  if (playing) requestAnimationFrame(frame);
}

function stop() {
  playing = false;
  $('play').textContent = 'Play';
}

async function load(n) {
  stop();
  const response = await fetch('/round?n=' + n);
  const body = await response.json();
  if (!response.ok) {
    $('status').textContent = body.error;
    return;
  }
  replay = body;
  events = decode(replay.round.events);
  total = events.length / 2;
  $('meta').textContent = replay.warriors.map((w, i) => (i + 1) + '. ' + w.name + ' by ' + w.author).join(' vs ') +
    ' · core ' + replay.settings.coresize + ', ' + replay.settings.cycles + ' cycles' + (replay.seed === null ? '' : ' · seed ' + replay.seed);
  $('legend').innerHTML = '';
  replay.warriors.forEach((w, i) => {
    const span = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = colour(i);
    span.append(swatch, w.name);
    $('legend').append(span);
  });
  const select = $('round');
  if (select.options.length !== replay.settings.rounds) {
    select.innerHTML = '';
    for (let r = 1; r <= replay.settings.rounds; r++) select.add(new Option(String(r), String(r)));
  }
  select.value = String(n);
  $('round-winner').textContent = '';
  delete $('round-winner').dataset.winner;
  $('winner').textContent = '';
  delete $('winner').dataset.winner;
  reset();
  layout();
  drawChart();
  draw();
  document.body.dataset.ready = String(n);
}

$('play').onclick = () => {
  if (playing) return stop();
  if (t === total) return;
  playing = true;
  $('play').textContent = 'Pause';
  requestAnimationFrame(frame);
};
$('step').onclick = () => {
  stop();
  if (t < total) apply();
  draw();
};
$('end').onclick = () => {
  stop();
  while (t < total) apply();
  draw();
};
$('round').onchange = () => load(Number($('round').value));
addEventListener('resize', () => chart && chart.resize());
load(${initialRound});
</script>
</body>
</html>
`;
}

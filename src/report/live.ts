// `drq report RUN_DIR --serve`: a page on 127.0.0.1 that follows a run while evolve writes it.
// The server tails the run directory (store/run-dir's tailRunDir: no lock, nothing written, a
// line still being written left for later) and folds the new log records into a small state;
// the page polls /state once a second and redraws, so it never reloads.

import type { CandidateRecord } from '../evolve/drq.js';
import { tailRunDir } from '../store/run-dir.js';
import { serveLocal, type Viewer } from '../view/server.js';
import { archiveChart, escapeHtml, fitnessChart } from './html.js';

/** The latest candidates the page lists. */
const LATEST = 12;

interface LiveConfig { drq?: { rounds?: number; iterations?: number } }
interface LiveSummary { status?: string; rounds?: { round: number; champion: string | null; fitness: number | null; candidates: number; cells: number }[] }

/** What /state answers: the run as far as its files show it now. */
export interface LiveState {
  dir: string;
  /** waiting (no config.json yet), running, summary.json's status once it is not running, or stopped when its writer died. */
  status: string;
  plannedRounds: number | null;
  round: number;
  roundsDone: number;
  candidates: number;
  /** Best fitness of any candidate so far, and in the current round's archive. */
  best: number | null;
  bestThisRound: number | null;
  tokens: { prompt: number; completion: number };
  cost: number;
  latest: { id: string; round: number; phase: string; generator: string; fitness: number | null; source: string | null; problems: string[] }[];
  charts: { archive: object | null; fitness: object | null };
}

/** A run followed from its directory: read() takes in what was written since the last call. */
export function followRun(dir: string) {
  let next = 0;
  // What the log so far adds up to (started afresh when the log is cut). The current round's
  // archive: a record placed in a cell displaces the one there (placing needs a higher fitness).
  const empty = () => ({
    candidates: 0, round: 0, tokens: { prompt: 0, completion: 0 }, cost: 0, best: null as number | null,
    elites: new Map<number, CandidateRecord>(), latest: [] as CandidateRecord[],
  });
  let so = empty();

  const take = (c: CandidateRecord): void => {
    so.candidates++;
    if (c.round !== so.round) so.elites = new Map();
    so.round = c.round;
    if (c.placed && c.cell !== null) so.elites.set(c.cell, c);
    if (c.fitness !== null && (so.best === null || c.fitness > so.best)) so.best = c.fitness;
    if (c.usage) {
      so.tokens = { prompt: so.tokens.prompt + c.usage.promptTokens, completion: so.tokens.completion + c.usage.completionTokens };
      so.cost += c.usage.cost ?? 0;
    }
    so.latest = [c, ...so.latest].slice(0, LATEST);
  };

  return {
    read(): { ok: true; state: LiveState } | { ok: false; error: string } {
      let tail: ReturnType<typeof tailRunDir>;
      // A long log is taken in parts, each folded in and dropped.
      do {
        tail = tailRunDir(dir, next);
        if (!tail.ok) return tail;
        if (tail.value.restarted) so = empty();
        next = tail.value.next;
        for (const r of tail.value.records) take(r as CandidateRecord);
      } while (tail.value.more);
      const { config, summary } = tail.value;
      const s = summary as LiveSummary | null;
      const rounds = s?.rounds ?? [];
      const { candidates, round, tokens, cost, best, elites, latest } = so;
      const bestThisRound = [...elites.values()].reduce<number | null>((b, e) => (b === null || e.fitness! > b ? e.fitness : b), null);
      return {
        ok: true,
        state: {
          dir,
          status: config === null ? 'waiting' : s?.status && s.status !== 'running' ? s.status
            : tail.value.writerGone ? 'stopped: its drq process died (continue with drq evolve --resume)' : 'running',
          plannedRounds: (config as LiveConfig | null)?.drq?.rounds ?? null,
          round,
          roundsDone: rounds.length,
          candidates,
          best,
          bestThisRound,
          tokens,
          cost,
          latest: latest.map((c) => ({
            id: c.id, round: c.round, phase: c.phase, generator: c.generator, fitness: c.fitness, source: c.source,
            problems: [
              ...(c.errors ?? []).map((d) => `${d.line}:${d.column}: ${d.message}`), ...(c.error ? [c.error] : []),
              // A reply with no code in it: the reply is what there is to see.
              ...(c.source === null && c.reply ? [`the reply:\n${c.reply.slice(0, 2000)}`] : []),
            ],
          })),
          charts: {
            archive: round ? archiveChart({ round, elites: [...elites.values()].map((e) => ({ cell: e.cell!, id: e.id, fitness: e.fitness! })) }) : null,
            fitness: rounds.length ? fitnessChart(rounds.map((r) => ({ ...r, generality: null, score: null }))) : null,
          },
        },
      };
    },
  };
}

/** Serves the live page for `dir` on 127.0.0.1:port (0: a free one). */
export function serveLive(dir: string, port: number): Promise<Viewer> {
  const run = followRun(dir);
  return serveLocal(livePage(dir), (url) => {
    if (url.pathname !== '/state') return null;
    const read = run.read();
    return read.ok ? [200, 'application/json', JSON.stringify(read.state)] : [500, 'application/json', JSON.stringify(read)];
  }, port);
}

function livePage(dir: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>drq live: ${escapeHtml(dir)}</title>
<link rel="icon" href="data:,">
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { margin-top: 24px; border-bottom: 1px solid #ddd; }
#stats { display: flex; flex-wrap: wrap; gap: 8px 28px; }
#stats div b { display: block; font-size: 20px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.chart { height: 340px; }
.candidate { border-bottom: 1px solid #eee; padding: 6px 0; }
.candidate pre { background: #f6f8fa; padding: 6px 10px; margin: 4px 0; font-size: 12px; max-height: 160px; overflow: auto; }
.candidate pre.problems { background: #fdecea; }
#error { color: #b00; }
</style>
</head>
<body>
<h1>drq live: ${escapeHtml(dir)}</h1>
<p id="error"></p>
<div id="stats">
  <div>status <b id="status">…</b></div>
  <div>round <b id="round">…</b></div>
  <div>candidates <b id="candidates">…</b></div>
  <div>best fitness so far <b id="best">…</b></div>
  <div>best this round <b id="best-round">…</b></div>
  <div>tokens <b id="tokens">…</b></div>
  <div>cost <b id="cost">…</b></div>
</div>
<div class="charts">
  <div><h2>Current round's archive</h2><div class="chart" id="archive"></div></div>
  <div><h2>Champion fitness per round</h2><div class="chart" id="fitness"></div></div>
</div>
<h2>Latest candidates</h2>
<div id="latest"></div>
<script src="/echarts.min.js"></script>
<script>
const charts = {};
const $ = (id) => document.getElementById(id);
function draw(id, option) {
  if (!option) return;
  charts[id] ??= echarts.init($(id));
  charts[id].setOption(option, true);
}
function candidate(c) {
  const div = document.createElement('div');
  div.className = 'candidate';
  const head = document.createElement('div');
  head.textContent = c.id + ' · round ' + c.round + ' · ' + c.phase + ' · ' + c.generator + ' · fitness ' + (c.fitness === null ? '—' : c.fitness.toFixed(3));
  div.append(head);
  for (const [text, cls] of [[c.problems.join('\\n'), 'problems'], [c.source ?? '', 'source']]) {
    if (!text) continue;
    const pre = document.createElement('pre');
    pre.className = cls;
    pre.textContent = text;
    div.append(pre);
  }
  return div;
}
async function refresh() {
  try {
    const response = await fetch('/state');
    const s = await response.json();
    if (!response.ok) throw new Error(s.error);
    $('error').textContent = '';
    $('status').textContent = s.status;
    $('round').textContent = s.round + (s.plannedRounds ? ' / ' + s.plannedRounds : '') + ' (' + s.roundsDone + ' done)';
    $('candidates').textContent = s.candidates;
    $('best').textContent = s.best === null ? '—' : s.best.toFixed(3);
    $('best-round').textContent = s.bestThisRound === null ? '—' : s.bestThisRound.toFixed(3);
    $('tokens').textContent = (s.tokens.prompt + s.tokens.completion) + ' (' + s.tokens.prompt + ' prompt, ' + s.tokens.completion + ' completion)';
    $('cost').textContent = '$' + s.cost.toFixed(4);
    draw('archive', s.charts.archive);
    draw('fitness', s.charts.fitness);
    $('latest').replaceChildren(...s.latest.map(candidate));
  } catch (e) {
    $('error').textContent = 'cannot read the run: ' + e.message;
  }
  setTimeout(refresh, 1000);
}
addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
refresh();
</script>
</body>
</html>
`;
}

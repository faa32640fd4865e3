// Builds the web UI into the folder given as the first argument (Maven passes target/classes/static).
// Runs `npm ci` first when node_modules is missing or older than the lock file, and does nothing at all
// when every output is newer than every input, so a rebuild of the server costs no UI time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? join(here, '../../../target/classes/static'));
// index.html is written last and names the other outputs: its time says when the build finished.
const stamp = join(outdir, 'index.html');
const force = process.argv.includes('--force');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

const inputs = ['src', 'index.html', 'build.mjs', 'package.json', 'package-lock.json'].map(f => join(here, f));
const inputTime = Math.max(...inputs.map(newest));
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= inputTime) {
  console.log(`[ui] up to date: ${outdir}`);
  process.exit(0);
}

const modules = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(modules) || statSync(modules).mtimeMs < statSync(join(here, 'package-lock.json')).mtimeMs) {
  console.log('[ui] npm ci');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('[ui] npm ci failed: the UI needs the npm registry once to fetch its pinned packages (package-lock.json)');
    process.exit(npm.status ?? 1);
  }
}

const esbuild = await import('esbuild');
rmSync(join(outdir, 'assets'), { recursive: true, force: true });
mkdirSync(join(outdir, 'assets'), { recursive: true });
const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.js', styles: 'src/styles.css' },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['es2022'],
  outdir: join(outdir, 'assets'),
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs);
const asset = (entry) => {
  const found = outputs.find(([file, o]) => o.entryPoint && o.entryPoint.endsWith(entry) && !file.endsWith('.map'));
  return 'assets/' + found[0].split('/').pop();
};
// plotly.js stays a file of its own, loaded the first time a chart is shown (3.5 MB the chat page rarely needs at once).
const plotly = JSON.parse(readFileSync(join(here, 'node_modules/plotly.js-dist-min/package.json'), 'utf8')).version;
cpSync(join(here, 'node_modules/plotly.js-dist-min/plotly.min.js'), join(outdir, 'assets', `plotly-${plotly}.min.js`));
const html = readFileSync(join(here, 'index.html'), 'utf8')
  .replace('%APP_JS%', asset('src/main.js'))
  .replace('%APP_CSS%', asset('src/styles.css'))
  .replace('%PLOTLY_JS%', `assets/plotly-${plotly}.min.js`);
writeFileSync(stamp, html);
console.log(`[ui] built into ${outdir}`);

// The configurator page: the form becomes a spec (SPEC.md), POST /api/build
// answers the report and the addresses of the GLB and the PNG.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const mv = $('mv');
  // State the browser test reads.
  const state = window.configurator = { pending: false, builds: 0, loads: 0, lastSpec: null, lastResponse: null, lastError: null, loadedSrc: null };
  mv.addEventListener('load', () => { state.loads++; state.loadedSrc = mv.src; });
  mv.addEventListener('error', (e) => { showViewerError('model-viewer could not load the model: ' + JSON.stringify(e.detail && e.detail.type)); });

  function showViewerError(text) { const p = $('viewer-error'); p.textContent = text; p.hidden = false; }
  window.configuratorMissingViewer = () => showViewerError('model-viewer.min.js could not be loaded from this server (see the server log).');

  const stones = {
    'round-4': { cut: 'round', diameter_mm: 4, setting: 'prong', prongs: 4, at: 'top' },
    'round-6.5': { cut: 'round', diameter_mm: 6.5, setting: 'prong', prongs: 6, at: 'top' },
    'oval-bezel': { cut: 'oval', length_mm: 7, width_mm: 5, setting: 'bezel', at: 'top' },
  };
  // Which input shows a spec field's error.
  const inputOf = (field) => {
    if (field.startsWith('ring.size')) return 'size-value';
    if (field.startsWith('ring.profile')) return 'profile';
    if (field.startsWith('ring.width')) return 'width';
    if (field.startsWith('ring.thickness')) return 'thickness';
    if (field.startsWith('metal')) return 'metal';
    if (field.startsWith('stones')) return 'stone';
    if (/^engravings\[\d+\]\.font/.test(field)) return 'font';
    if (field.startsWith('engravings')) return 'engraving';
    return null;
  };
  const num = (id) => { const v = $(id).value.trim(); return v === '' ? 0 : Number(v); };

  function spec() {
    const s = {
      kind: 'ring',
      metal: $('metal').value,
      ring: { size: `${$('size-standard').value} ${$('size-value').value.trim()}`, profile: $('profile').value,
        width_mm: num('width'), thickness_mm: num('thickness') },
    };
    const st = stones[$('stone').value];
    if (st) s.stones = [{ ...st, gem: $('gem').value }];
    const text = $('engraving').value.trim();
    if (text) s.engravings = [{ text, surface: 'inner', height_mm: 1.2, depth_mm: 0.2, font: $('font').value, align: 'center' }];
    return s;
  }

  function message(text, isError) { const m = $('message'); m.textContent = text; m.className = isError ? 'error' : ''; }
  const fmt = (v, d = 2) => (v === undefined || v === null ? '–' : Number(v).toFixed(d));

  function showReport(r) {
    $('r-inner').textContent = r.ring ? `${fmt(r.ring.inner_diameter_mm)} mm` : '–';
    $('r-sizes').textContent = r.ring ? Object.keys(r.ring.sizes).sort().map((k) => `${k} ${r.ring.sizes[k]}`).join(', ') : '–';
    $('r-bbox').textContent = r.bbox_mm.map((v) => fmt(v, 2)).join(' × ') + ' mm';
    $('r-weight').textContent = `${fmt(r.metal_weight_g)} g`;
    const st = r.stones || [];
    $('r-carats').textContent = st.length ? st.map((s) => `${s.gem} ${s.cut} ${fmt(s.carat)} ct`).join(', ') : 'none';
    $('r-tris').textContent = String(r.triangles);
    $('r-warnings').textContent = r.warnings && r.warnings.length ? r.warnings.join('; ') : 'none';
  }

  let seq = 0;
  async function build() {
    const my = ++seq;
    const s = spec();
    // Until the answer comes, the page shows no answer for this spec.
    Object.assign(state, { lastSpec: s, pending: true, lastError: null, lastResponse: null });
    $('status').textContent = 'building…';
    for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    let resp, body;
    try {
      resp = await fetch('/api/build', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(s) });
      body = await resp.json();
    } catch (e) {
      if (my !== seq) return;
      state.pending = false;
      state.lastError = { error: String(e), field: '' };
      message('The server did not answer: ' + e, true);
      $('status').textContent = '';
      return;
    }
    if (my !== seq) return; // a newer request is on its way
    state.builds++;
    state.pending = false;
    if (!resp.ok) {
      state.lastError = body;
      state.lastResponse = null;
      const id = body.field && inputOf(body.field);
      if (id) $(id).setAttribute('aria-invalid', 'true');
      message(body.error || `error ${resp.status}`, true);
      $('status').textContent = '';
      return;
    }
    state.lastError = null;
    state.lastResponse = body;
    message('', false);
    $('status').textContent = body.cached ? 'from the cache' : `built in ${fmt(body.report.timings_ms.build, 1)} ms`;
    showReport(body.report);
    if (mv.getAttribute('src') !== body.glb) mv.src = body.glb;
    $('preview').src = body.png;
  }
  window.configuratorBuild = build;

  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(build, 300); };
  $('form').addEventListener('input', (e) => (e.target.tagName === 'SELECT' ? build() : later()));
  $('form').addEventListener('submit', (e) => { e.preventDefault(); build(); });

  async function init() {
    try {
      const o = await (await fetch('/api/options')).json();
      const fill = (id, list, current) => {
        const sel = $(id);
        sel.replaceChildren(...list.map((v) => { const op = document.createElement('option'); op.textContent = v; op.value = v; return op; }));
        if (list.includes(current)) sel.value = current;
      };
      fill('size-standard', o.standards, 'US');
      fill('profile', o.profiles, 'comfort');
      fill('metal', o.metals, '18k-yellow');
      fill('gem', o.gems, 'diamond');
      fill('font', o.fonts, 'sans');
      $('engraving').maxLength = o.max_engraving_chars;
      if (o.model_viewer_error) showViewerError(o.model_viewer_error);
    } catch (e) {
      message('Cannot read the options: ' + e, true);
    }
    build();
  }
  init();
})();

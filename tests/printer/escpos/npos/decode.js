#!/usr/bin/env node
// Independent decoder of an ESC/POS job for the kiosk's tests: npos splits the bytes into commands, this
// script follows the commands' effects and prints one JSON object:
//   {lines: [{text, bold, large, align}], qr: [payload...], barcodes: [{type, data}], rasters: N,
//    raster_sizes: [{width, height, dark}], cut: true|false, status_requests: N, paper_requests: N}
// Text is decoded from GB18030 with iconv-lite (not glibc's iconv, which the encoder uses).
// Usage: node decode.js FILE.bin
'use strict';

const fs = require('fs');
const npos = require('npos');
const iconv = require('iconv-lite');

// npos 0.1.19 stops at the first command missing from its table: add the ones the kiosk sends that it lacks.
function extendedRules() {
  const rules = structuredClone(npos.rules);
  const GS = rules[npos.symbols.GS];
  GS['(k'] = [0, 'd16'];  // GS ( k pL pH cn fn ...: 2D codes (QR)
  return rules;
}

function decode(raw) {
  const ast = npos.parser(extendedRules()).analyze(raw);
  if (ast.error) throw ast.error;

  const out = {lines: [], qr: [], barcodes: [], rasters: 0, raster_sizes: [], cut: false,
               status_requests: 0, paper_requests: 0};
  const style = {bold: false, large: false, align: 'left'};
  let chinese = false;
  let pending = [];  // bytes of the line being built
  let qrStore = null;

  const flushLine = () => {
    const bytes = Buffer.from(pending);
    pending = [];
    out.lines.push({
      text: chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1'),
      bold: style.bold, large: style.large, align: style.align,
    });
  };

  for (const node of ast.tree) {
    const at = node.offset;
    const fn = node.fn || '';
    const params = at + 1 + fn.length;  // first byte after the command's name
    switch (node.code) {
      case 0x02: {  // text (npos groups every byte that is no command)
        for (let i = at; i < at + node.length; i++) {
          if (raw[i] === 0x0A) flushLine(); else pending.push(raw[i]);
        }
        break;
      }
      case npos.symbols.ESC:
        if (fn === '@') Object.assign(style, {bold: false, large: false, align: 'left'});
        if (fn === 'E') style.bold = (raw[params] & 1) === 1;
        if (fn === 'a') style.align = ['left', 'centre', 'right'][raw[params] % 48] || 'left';
        break;
      case npos.symbols.FS:
        if (fn === '&') chinese = true;
        if (fn === '.') chinese = false;
        break;
      case npos.symbols.DLE:
        out.status_requests++;
        break;
      case npos.symbols.GS:
        if (fn === '!') style.large = raw[params] !== 0;
        if (fn === 'V') out.cut = true;
        if (fn === 'r') out.paper_requests++;
        if (fn === 'k') {
          const n = raw[params + 1];
          out.barcodes.push({type: raw[params], data: raw.slice(params + 2, params + 2 + n).toString('latin1')});
        }
        if (fn === '(k') {
          const length = raw.readUInt16LE(params);
          const cn = raw[params + 2];
          const f = raw[params + 3];
          if (cn === 49 && f === 80) qrStore = raw.slice(params + 5, params + 2 + length);  // fn 180: store
          if (cn === 49 && f === 81 && qrStore) out.qr.push(qrStore.toString('utf8'));      // fn 181: print
        }
        if (fn === 'v0') {
          const image = npos.codecs.raster.decode(raw, [{offset: at}]);
          let dark = 0;
          for (let y = 0; y < image.height; y++) {
            for (let x = 0; x < image.width; x++) if (image.getPixel(x, y) === 0) dark++;
          }
          out.rasters++;
          out.raster_sizes.push({width: image.width, height: image.height, dark});
        }
        break;
      default:
        break;
    }
  }
  if (pending.length > 0) flushLine();
  return out;
}

if (process.argv.length !== 3) {
  console.error('usage: node decode.js FILE.bin');
  process.exit(2);
}
try {
  process.stdout.write(JSON.stringify(decode(fs.readFileSync(process.argv[2]))) + '\n');
} catch (error) {
  console.error('decode.js: ' + (error && error.message ? error.message : error));
  process.exit(1);
}

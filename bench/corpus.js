// Writes bench/run's corpus: the texts of the VADER gold file (../shared, never committed)
// when it is there, else sentences made from the lexicon's words with a fixed seed; repeated
// or grown to at least the asked size.
//   node corpus.js OUT MEGABYTES [GOLD.jsonl]
'use strict';
const fs = require('fs');
const path = require('path');

const [out, megabytes, gold] = process.argv.slice(2);
const wanted = Number(megabytes) * 1e6;

function goldTexts(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => {
    // One line per document: the few texts with a line break in them keep it as a space.
    return JSON.parse(l).text.replace(/[\r\n\u000b\u000c\u0085\u2028\u2029]/g, ' ');
  });
}

function generatedTexts(count) {
  const lexicon = fs.readFileSync(
    path.join(path.dirname(require.resolve('vader-sentiment/package.json')), 'vader_lexicon.txt'),
    'utf8').split('\n').filter((l) => l).map((l) => l.split('\t')[0]);
  const plain = ('the a it this that was is and but not very so i you we they of to in for ' +
                 'with on at my your movie book phone service food really quite').split(' ');
  // mulberry32: a fixed seed, so that every run measures the same texts.
  let seed = 12345;
  const next = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const texts = [];
  for (let i = 0; i < count; ++i) {
    const words = [];
    const length = 5 + next(25);
    for (let w = 0; w < length; ++w) {
      words.push(next(5) === 0 ? lexicon[next(lexicon.length)] : plain[next(plain.length)]);
    }
    if (next(4) === 0) {
      words[0] = words[0].toUpperCase();
    }
    texts.push(words.join(' ') + ['.', '!', '?', '!!', '.'][next(5)]);
  }
  return texts;
}

const texts = gold && fs.existsSync(gold) ? goldTexts(gold) : generatedTexts(20000);
const block = texts.join('\n') + '\n';
const copies = Math.max(1, Math.ceil(wanted / Buffer.byteLength(block)));
const fd = fs.openSync(out, 'w');
for (let i = 0; i < copies; ++i) {
  fs.writeSync(fd, block);
}
fs.closeSync(fd);
console.log(gold && fs.existsSync(gold) ? 'gold' : 'generated');

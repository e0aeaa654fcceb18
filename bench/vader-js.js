// The JS port's side of bench/run: one document per line of the file, one JSON line of
// polarity_scores per document on stdout, as ta prints one record per line. The file is read
// at once and the output written in large chunks, so that node spends its time scoring.
'use strict';
const fs = require('fs');
const vader = require('vader-sentiment');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') {
  lines.pop(); // the newline that ends the last line
}
const out = fs.openSync('/dev/stdout', 'w');
let chunk = [];
let size = 0;
for (const line of lines) {
  const s = JSON.stringify(vader.SentimentIntensityAnalyzer.polarity_scores(line));
  chunk.push(s);
  size += s.length + 1;
  if (size >= 1 << 16) {
    fs.writeSync(out, chunk.join('\n') + '\n');
    chunk = [];
    size = 0;
  }
}
if (chunk.length > 0) {
  fs.writeSync(out, chunk.join('\n') + '\n');
}

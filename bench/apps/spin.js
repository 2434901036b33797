// The CPU-bound work of the /cpu route, shared by the main thread and the worker threads.
// Same arithmetic as spin() in flask_app.py, so both apps return the same number.
'use strict';

function spin(iterations) {
  let value = 0;
  for (let step = 0; step < iterations; step += 1) value = (value * 31 + step) % 1000003;
  return value;
}

module.exports = { spin };

// HTML templates: render Nunjucks templates (Jinja-like, with inheritance) from views/.
const path = require('node:path');
const express = require('express');
const nunjucks = require('nunjucks');

const app = express();
app.disable('x-powered-by');

// autoescape: true is Nunjucks' default; spelled out because it is what stops XSS.
nunjucks.configure(path.join(__dirname, 'views'), { autoescape: true, express: app });
app.set('view engine', 'njk');

const FRAMEWORKS = ['Flask', 'Express'];

app.get('/', (req, res) => {
  res.render('index.njk', { frameworks: FRAMEWORKS });
});

app.get('/greet', (req, res) => {
  const name = (typeof req.query.name === 'string' ? req.query.name.trim() : '') || 'stranger';
  res.render('greet.njk', { name });
});

module.exports = app;

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  app.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
}

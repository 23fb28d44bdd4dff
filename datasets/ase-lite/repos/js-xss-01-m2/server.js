'use strict';

const path = require('path');
const express = require('express');
const recipeRoutes = require('./routes/recipes');
const searchRoutes = require('./routes/app/search');

const app = express();
const port = Number(process.env.PORT || 3000);

app.use('/static', express.static(path.join(__dirname, 'public')));
app.use(recipeRoutes);
app.use(searchRoutes);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).type('text/plain').send('Something went wrong in the kitchen.');
});

app.listen(port, () => console.log(`panfolio on http://localhost:${port}`));

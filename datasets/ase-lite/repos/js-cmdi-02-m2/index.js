'use strict';

const express = require('express');
const config = require('./config');
const noteRoutes = require('./routes/notes');
const exportRoutes = require('./routes/http/export');

const app = express();
app.use(express.json());
app.use('/notes', noteRoutes);
app.use(exportRoutes);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(config.port, () => console.log(`quillbox on :${config.port}`));

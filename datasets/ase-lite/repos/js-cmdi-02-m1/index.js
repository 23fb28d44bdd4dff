'use strict';

let express = require('express');
let config = require('./config');
let messageRoutes = require('./routes/notes');
let dumpRoutes = require('./routes/export');

let site = express();
site.use(express.json());
site.use('/notes', messageRoutes);
site.use(dumpRoutes);

// eslint-disable-next-line no-unused-vars
site.use((fail, req, res, fresh) => {
  console.error(fail);
  res.status(500).json({ error: 'internal error' });
});

site.listen(config.port, () => console.log('quillbox on :' + config.port));

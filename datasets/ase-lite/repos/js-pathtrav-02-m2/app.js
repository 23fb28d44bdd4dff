'use strict';

const path = require('path');
const express = require('express');
const config = require('./config');
const gallery = require('./routes/gallery');

const app = express();
app.use(express.static(path.join(__dirname, 'public')));
app.use(gallery);

app.listen(config.port, () => console.log(`lumen: ${config.albumsDir} on :${config.port}`));

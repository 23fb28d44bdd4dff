'use strict';

let path = require('path');
let express = require('express');
let config = require('./config');
let gallery = require('./routes/gallery');

let app = express();
app.use(express.static(path.join(__dirname, 'public')));
app.use(gallery);

app.listen(config.port, () => console.log(`lumen: ${config.albumsDir} on :${config.port}`));

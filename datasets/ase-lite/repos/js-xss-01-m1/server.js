'use strict';

let path = require('path');
let express = require('express');
let formulaRoutes = require('./routes/recipes');
let locateRoutes = require('./routes/search');

let application = express();
let port = Number(process.env.PORT || 3000);

application.use('/static', express.static(path.join(__dirname, 'public')));
application.use(formulaRoutes);
application.use(locateRoutes);

// eslint-disable-next-line no-unused-vars
application.use((err, req, res, next) => {
  console.error(err);
  res.status(500).type('text/plain').send('Something went wrong in the kitchen.');
});

application.listen(port, () => console.log('panfolio on http://localhost:' + port));

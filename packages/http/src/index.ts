export * from './app/create-http-app.js';
export * from './app/http-server.js';
export * from './problems/problem.js';

// `node --import ./register-electron-stub.mjs main.js`: resolves the bare specifier `electron` to electron-stub.mjs.
import { register } from 'node:module';

register(new URL('./electron-stub-loader.mjs', import.meta.url));

import type { TorchliftApi } from '../../shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the page is served by the web host. */
    torchlift?: TorchliftApi;
  }
}

export {};

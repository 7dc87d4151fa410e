import { createHandlers } from '../../electron/engine/api/handlers.js';
import type { WebHost } from '../../electron/web/server.js';
import { createScenario, type Scenario, type ScenarioName } from '../scenarios/index.js';
import { startTestHost } from './web-host.js';

/** A simulated machine served by an in-process web host running the real engine. */
export interface ScenarioHost {
  scenario: Scenario;
  host: WebHost;
  close(): Promise<void>;
}

/** Creates scenario `name` and serves the UI with the real handlers pointed at it. */
export async function startScenarioHost(name: ScenarioName): Promise<ScenarioHost> {
  const scenario = await createScenario(name);
  try {
    const host = await startTestHost(createHandlers({ host: 'web', env: { ...scenario.env } }));
    return {
      scenario,
      host,
      async close() {
        await host.close();
        await scenario.cleanup();
      },
    };
  } catch (error) {
    await scenario.cleanup();
    throw error;
  }
}

/**
 * Which kind of build this is. Development builds (`npm run build`: what
 * `npm start` and the tests load) may trust the local Grid emulator by default
 * and honour test-only settings; store builds (built with `VITE_STORE_BUILD=true`)
 * never do. Read at build time, so a store build contains no test switch at all.
 */
export const DEVELOPMENT_BUILD: boolean = import.meta.env.VITE_STORE_BUILD !== 'true';

// Renderer tests wait on the screen (findBy*, waitFor), never on time. Testing Library gives up after
// 1 s by default, which a lazily loaded chunk (the supervisor screen, its charts) overruns on a loaded
// machine while vite transforms it; a condition that holds returns at once, so a long limit costs nothing.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });

#!/usr/bin/env node
require('../dist/bin/llm-pick.cjs').main();

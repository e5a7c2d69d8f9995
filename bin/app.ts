#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addLabs } from '../lib/app';
import { LABS } from '../lib/labs';
import { KitConfigError } from '../lib/config';

try {
  addLabs(new App(), LABS);
} catch (e) {
  if (!(e instanceof KitConfigError)) {
    throw e;
  }
  // A bad -c value is the user's to fix: say what, without a stack trace.
  console.error(`\n✖ ${e.message}\n`);
  process.exitCode = 1;
}

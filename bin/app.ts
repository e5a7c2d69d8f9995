#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addLabsOrExplain } from '../lib/app';
import { LABS } from '../lib/labs';

if (!addLabsOrExplain(new App(), LABS, process.env, console.error)) {
  process.exitCode = 1;
}

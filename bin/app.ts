#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addLabsOrExplain } from '../lib/app';
import { LABS } from '../lib/labs';
import { cliAppProps } from '../lib/synthesize';

// What the CLI passed (-c values, cdk.json, the command's own settings), read before the real App is made.
const cliContext = new App({ autoSynth: false }).node.getAllContext() as Record<string, unknown>;
const { props, validations } = cliAppProps(cliContext);
if (!addLabsOrExplain(new App(props), LABS, process.env, console.error, { validations })) {
  process.exitCode = 1;
}

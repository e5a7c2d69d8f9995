#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addLabs } from '../lib/app';

addLabs(new App());

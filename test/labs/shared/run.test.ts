import { explainError, labScripts } from '../../../labs/run';
import { unsupportedNode } from '../../../labs/shared/node-version';

describe('Node.js version check of the lab scripts', () => {
  test.each(['v22.12.0', 'v24.22.3', 'v26.1.0'])('accepts %s', (version) => {
    expect(unsupportedNode(version)).toBeUndefined();
  });

  test.each(['v20.20.2', 'v18.19.0', 'v22.11.0', 'v23.1.0', 'garbage'])('refuses %s, saying what to install', (version) => {
    expect(unsupportedNode(version)).toBe(`Node.js ${version} is not supported: install Node.js 22 (22.12 or newer) or 24 or newer (https://nodejs.org) and run the command again.`);
  });
});

describe('npm run lab script list', () => {
  test('names every script of a lab, the data generators too', () => {
    expect(labScripts('labs/01-data-lake')).toEqual(expect.arrayContaining(['generate-data', 'verify']));
    expect(labScripts('labs/03-sagemaker-private')).toEqual(expect.arrayContaining(['generate-data', 'verify']));
  });
});

describe('npm run lab error messages', () => {
  test('a missing Region says how to set it', () => {
    expect(explainError(new Error('Region is missing'))).toMatch(/^No AWS Region is configured: set AWS_REGION/);
  });

  test('missing credentials say how to get them', () => {
    expect(explainError(new Error('Could not load credentials from any providers'))).toMatch(/^No AWS credentials were found/);
  });

  test('other errors keep their message', () => {
    expect(explainError(new Error('Stack Lab01DataLake is not deployed'))).toBe('Stack Lab01DataLake is not deployed');
    expect(explainError('plain')).toBe('plain');
  });
});

/** The kit's `project` tag value (LabStack tags every resource with it); no aws-cdk-lib import. */
export const PROJECT_TAG_VALUE = 'ml-lab-kit';

import { XGBOOST_REGIONS } from '../../constructs/xgboost-image';
import type { LabRegions } from '../regions';

/**
 * Lab 07's Regions: those with the SageMaker built-in XGBoost image it prepares, trains, evaluates and hosts
 * with, less the China Regions, where SageMaker Serverless Inference is not available ("generally available in
 * all AWS commercial Regions where SageMaker is available (except the AWS China Regions)",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html), and the AWS GovCloud (US) Regions,
 * which are not commercial Regions.
 */
export const MLOPS_REGIONS: LabRegions = {
  regions: XGBOOST_REGIONS.regions.filter((r) => !r.startsWith('cn-') && !r.startsWith('us-gov-')),
  why: `SageMaker publishes the built-in XGBoost ${'1.7-1'} image the lab trains and hosts with and offers Serverless Inference (every commercial Region with SageMaker, not China)`,
  source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html',
};

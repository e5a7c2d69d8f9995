import { XGBOOST_IMAGE } from '../../constructs/xgboost-image';
import type { LabRegions } from '../regions';

/** Lab 03's Regions: those with the SageMaker built-in XGBoost image the stack trains and hosts with. */
export const SAGEMAKER_PRIVATE_REGIONS: LabRegions = {
  why: `SageMaker publishes the built-in XGBoost ${XGBOOST_IMAGE.version} image the lab trains and hosts with`,
  source: XGBOOST_IMAGE.source,
  regions: Object.keys(XGBOOST_IMAGE.registries),
};

import { XGBOOST_REGIONS } from '../../constructs/xgboost-image';
import type { LabRegions } from '../regions';

/** Lab 03's Regions: those with the SageMaker built-in XGBoost image the stack trains and hosts with. */
export const SAGEMAKER_PRIVATE_REGIONS: LabRegions = XGBOOST_REGIONS;

import { XGBOOST_REGIONS } from '../../constructs/xgboost-image';
import type { LabRegions } from '../regions';

/** Lab 05's Regions: those with the SageMaker built-in XGBoost image it tunes and batch-transforms with. */
export const TUNE_AND_BATCH_REGIONS: LabRegions = XGBOOST_REGIONS;

import { XGBOOST_REGIONS } from '../../constructs/xgboost-image';
import type { LabRegions } from '../regions';

/** Lab 08's Regions: those with the SageMaker built-in XGBoost image it trains and hosts with. */
export const SAFE_ROLLOUT_REGIONS: LabRegions = XGBOOST_REGIONS;

/**
 * The SageMaker built-in XGBoost algorithm image. Its ECR registry lives in a different AWS account in
 * each Region, so the table is kept here as data, copied from the authoritative source: the SageMaker
 * Python SDK's image URI config, which `sagemaker.image_uris.retrieve('xgboost', region, '1.7-1')` reads.
 *
 * Source: https://github.com/aws/sagemaker-python-sdk/blob/02ed3cbfd8f1c519f8a829b545bb78a47a538546/src/sagemaker/image_uri_config/xgboost.json
 * ("training" scope, version "1.7-1"; the same image serves training and inference).
 */
import type { Channel } from '@aws-sdk/client-sagemaker';
import { KitConfigError } from '../config';

export const XGBOOST_IMAGE = {
  repository: 'sagemaker-xgboost',
  version: '1.7-1',
  source:
    'https://github.com/aws/sagemaker-python-sdk/blob/02ed3cbfd8f1c519f8a829b545bb78a47a538546/src/sagemaker/image_uri_config/xgboost.json',
  /** Region → account that owns the Region's `sagemaker-xgboost` repository. */
  registries: {
    'af-south-1': '510948584623',
    'ap-east-1': '651117190479',
    'ap-northeast-1': '354813040037',
    'ap-northeast-2': '366743142698',
    'ap-northeast-3': '867004704886',
    'ap-south-1': '720646828776',
    'ap-south-2': '628508329040',
    'ap-southeast-1': '121021644041',
    'ap-southeast-2': '783357654285',
    'ap-southeast-3': '951798379941',
    'ap-southeast-4': '106583098589',
    'ca-central-1': '341280168497',
    'ca-west-1': '190319476487',
    'cn-north-1': '450853457545',
    'cn-northwest-1': '451049120500',
    'eu-central-1': '492215442770',
    'eu-central-2': '680994064768',
    'eu-north-1': '662702820516',
    'eu-south-1': '978288397137',
    'eu-south-2': '104374241257',
    'eu-west-1': '141502667606',
    'eu-west-2': '764974769150',
    'eu-west-3': '659782779980',
    'il-central-1': '898809789911',
    'me-central-1': '272398656194',
    'me-south-1': '801668240914',
    'sa-east-1': '737474898029',
    'us-east-1': '683313688378',
    'us-east-2': '257758044811',
    'us-gov-east-1': '237065988967',
    'us-gov-west-1': '414596584902',
    'us-west-1': '746614075791',
    'us-west-2': '246618743249',
  } as Readonly<Record<string, string>>,
} as const;

/**
 * The Regions a lab that trains or hosts with this image can be built in, as lib/labs/regions.ts reads them
 * (labs 03 and 05 both point their regions.ts here).
 */
export const XGBOOST_REGIONS = {
  why: `SageMaker publishes the built-in XGBoost ${XGBOOST_IMAGE.version} image the lab trains and hosts with`,
  source: XGBOOST_IMAGE.source,
  regions: Object.keys(XGBOOST_IMAGE.registries),
} as const;

/** Where the built-in XGBoost image of one Region lives. */
export interface XGBoostImage {
  /** The account that owns the ECR repository. */
  readonly registryAccount: string;
  readonly repository: string;
  /** The image URI for CreateTrainingJob and CreateModel. */
  readonly uri: string;
}

/**
 * The XGBoost image for a Region. `urlSuffix` is the partition's domain (`amazonaws.com`, or
 * `amazonaws.com.cn` in China); pass `Stack.of(this).urlSuffix`.
 * Throws, listing the supported Regions, when the Region has no entry; the app never builds a lab that uses
 * the image in such a Region (its regions.ts points at XGBOOST_REGIONS), so only a direct caller sees this.
 */
export function xgboostImage(region: string, urlSuffix: string): XGBoostImage {
  const registryAccount = XGBOOST_IMAGE.registries[region];
  if (registryAccount === undefined) {
    throw new KitConfigError(
      `The SageMaker built-in XGBoost ${XGBOOST_IMAGE.version} image is not listed for Region "${region}". ` +
        `Deploy to one of: ${Object.keys(XGBOOST_IMAGE.registries).join(', ')} ` +
        '(set AWS_REGION or your AWS profile\'s region), or add the Region from ' +
        `${XGBOOST_IMAGE.source} to lib/constructs/xgboost-image.ts.`,
    );
  }
  const { repository, version } = XGBOOST_IMAGE;
  return {
    registryAccount,
    repository,
    uri: `${registryAccount}.dkr.ecr.${region}.${urlSuffix}/${repository}:${version}`,
  };
}

/**
 * The training channels of the labs' XGBoost jobs: one per name, CSV (label first, no header), read whole
 * from `<prefix><name>/` of the bucket by every instance. `s3Url` gives an object's s3:// URL
 * (`bucket.s3UrlForObject`).
 */
export function csvChannels(s3Url: (key: string) => string, prefix: string, names: readonly string[] = ['train', 'validation']): Channel[] {
  return names.map((channel) => ({
    ChannelName: channel,
    ContentType: 'text/csv',
    CompressionType: 'None',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: s3Url(`${prefix}${channel}/`), S3DataDistributionType: 'FullyReplicated' } },
  }));
}

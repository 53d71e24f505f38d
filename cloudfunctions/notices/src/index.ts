import { cloudMain } from '../../../server/cloud/entry';
import { noticesFunction } from '../../../server/functions/notices';
import { CLOUD_NOTICE_SERVICES } from '../../../server/notices/cloud-services';
import { useNoticeServices } from '../../../server/notices/services';

useNoticeServices(CLOUD_NOTICE_SERVICES);
export const main = cloudMain(noticesFunction);

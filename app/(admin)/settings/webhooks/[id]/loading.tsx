import { SettingsTableLoading } from '@/components/settings/settings-table-loading';

export default function WebhookLoading() {
  return <SettingsTableLoading label="Loading the endpoint" rows={4} rowHeight="h-10" />;
}

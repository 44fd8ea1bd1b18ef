import { SettingsTabs } from '@/components/settings/settings-tabs';
import { PageHeader } from '@/components/ui/page-header';

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="How Gatehouse treats passwords, the mail it sends, how long it keeps the audit trail, and when unused accounts are suspended." />
      <SettingsTabs />
      {children}
    </>
  );
}

import { SettingsTabs } from '@/components/settings/settings-tabs';
import { PageHeader } from '@/components/ui/page-header';

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="How Gatehouse treats passwords, and the mail it sends." />
      <SettingsTabs />
      {children}
    </>
  );
}

import { AppShell, Badge, Burger, Button, Group, Menu, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertOctagon,
  IconBuildingFactory2,
  IconCalendarDue,
  IconChartBar,
  IconClipboardList,
  IconGauge,
  IconLogout,
  IconPackageExport,
  IconPackageImport,
  IconPackages,
  IconShoppingCart,
  IconTruckDelivery,
  IconUser,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { ScanBox } from '../features/lots/ScanBox';

interface NavItem {
  to: string;
  label: string;
  icon: typeof IconGauge;
  /** Shown only to roles that can do the work behind it. */
  permission?: Permission;
}

const NAV: { section: string; items: NavItem[] }[] = [
  {
    section: 'Overview',
    items: [
      { to: '/', label: 'Dashboard', icon: IconGauge },
      { to: '/lots', label: 'Lots', icon: IconPackages },
      { to: '/recalls', label: 'Recalls', icon: IconAlertOctagon },
    ],
  },
  {
    section: 'Record',
    items: [
      { to: '/receive', label: 'Receive', icon: IconPackageImport, permission: 'warehouse' },
      { to: '/produce', label: 'Produce', icon: IconBuildingFactory2, permission: 'warehouse' },
      { to: '/ship', label: 'Ship', icon: IconTruckDelivery, permission: 'warehouse' },
    ],
  },
  {
    section: 'Orders',
    items: [
      { to: '/orders/sales', label: 'Sales orders', icon: IconShoppingCart },
      { to: '/orders/purchase', label: 'Purchase orders', icon: IconPackageExport },
      { to: '/orders/production', label: 'Production orders', icon: IconClipboardList },
    ],
  },
  {
    section: 'Shelf life',
    items: [
      { to: '/expiry', label: 'Expiry', icon: IconCalendarDue },
      { to: '/waste', label: 'Waste', icon: IconChartBar },
    ],
  },
];

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The frame around every screen: navigation by area, the scan box, and who is signed in. */
export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const auth = useAuth();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Menu" />
            <Text component={Link} to="/" fw={700} size="lg" c="blue.7" style={{ textDecoration: 'none' }}>
              Lotline
            </Text>
          </Group>
          <ScanBox />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="subtle" leftSection={<IconUser size={16} />} aria-label="Account">
                <Text size="sm" visibleFrom="sm" mr={6}>
                  {auth.username ?? 'token'}
                </Text>
                <Badge variant="light" size="sm">
                  {auth.role}
                </Badge>
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void auth.logout()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          {NAV.map(({ section, items }) => {
            const visible = items.filter((item) => !item.permission || auth.can(item.permission));
            if (visible.length === 0) return null;
            return (
              <div key={section}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                  {section}
                </Text>
                {visible.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={isActive(pathname, item.to)}
                    onClick={close}
                  />
                ))}
              </div>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

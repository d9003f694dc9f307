import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatTime } from '../../ui/format';

/** An order's number as the link to its page, the first column of every order list. */
export function OrderLink({ to, number }: { to: string; number: string }) {
  return (
    <Anchor component={Link} to={to} ff="monospace" size="sm">
      {number}
    </Anchor>
  );
}

/** When an order was created, dimmed: the last column of every order list. */
export function CreatedAt({ time }: { time: string }) {
  return (
    <Text size="sm" c="dimmed">
      {formatTime(time)}
    </Text>
  );
}

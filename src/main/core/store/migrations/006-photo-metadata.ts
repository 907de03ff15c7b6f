import type { Migration } from './types';

/**
 * Version 6: a workspace may keep photo metadata (EXIF: camera, date, GPS position) in the
 * copies sent to networks. Off for every workspace, existing ones included: copies drop it.
 */
export const migration006: Migration = {
  version: 6,
  name: 'photo-metadata',
  up: `
    ALTER TABLE workspaces ADD COLUMN keep_photo_metadata INTEGER NOT NULL DEFAULT 0 CHECK (keep_photo_metadata IN (0, 1));
  `,
};

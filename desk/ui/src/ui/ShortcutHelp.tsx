// The shortcut overlay (?).
import { useContext } from 'preact/hooks';
import { Ctx } from './context';
import { Dialog } from './Dialog';

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useContext(Ctx);
  return (
    <Dialog title={t.shortcuts} onClose={onClose}>
      <table class="shortcuts">
        <tbody>
          {t.shortcutList.map(([keys, what]) => (
            <tr>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

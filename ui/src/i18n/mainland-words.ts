// What must not appear in the zh-Hant catalogue (checked by i18n.test.ts; kept here because test files
// carry no Chinese). A character-by-character conversion of simplified text leaves exactly these.

/**
 * Mainland words written in Traditional characters, where Taiwan and Hong Kong say something else
 * (帳號, 設定, 資訊/訊息, 影片, 軟體, 網路, 檔案, 儲存, 預設, 登入, 選單, 程式, 螢幕, 簡訊, 滑鼠, 視窗 …).
 * 文件 and 保存 are words in Taiwan too, but not the ones for a file on a computer and for saving.
 */
export const MAINLAND_WORDS = [
  '賬號', '賬戶', '設置', '信息', '視頻', '軟件', '網絡', '文件', '保存', '默認', '登錄', '菜單',
  '程序', '屏幕', '短信', '鼠標', '質量', '窗口', '郵箱', '型別', '許可權', '反饋', '倒計時', '渠道',
  '通過工單', '二維碼', '打印', '激活', '緩存', '卸載', '博客',
];

/** Characters that exist only in simplified writing (common ones; a Traditional text has none of them). */
export const SIMPLIFIED_ONLY =
  '们这个说时对会过还没发关开设经问题请应该账号视频软网络档储认为来后从动长门见气点样间' +
  '页钮单击码录话电复记联订务费选择写读错误确删帮称级键饰绑验证扫图';

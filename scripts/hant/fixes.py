"""What the review found OpenCC (s2twp) gets wrong for this app, shared by the UI and backend scripts."""
import re

# (what OpenCC writes, what a reader in Taiwan or Hong Kong expects here)
FIXES = [
    ('型別', '類型'),            # 问题类型 is a kind of problem, not a programming type
    ('賬號', '帳號'), ('賬戶', '帳戶'), ('到賬', '到帳'), ('賬', '帳'),
    ('許可權', '權限'),
    ('窗口', '視窗'),
    ('訪問金鑰', '存取金鑰'),
    ('繫結', '綁定'),
    ('鑰匙串', '鑰匙圈'),          # macOS and Windows call the keychain 鑰匙圈 in Taiwan
    ('郵箱', '電子郵件'),
    ('本應用', '本應用程式'), ('應用會', '應用程式會'), ('應用可以', '應用程式可以'),
    ('質量', '品質'),
    ('充值', '儲值'),
    ('臺', '台'),                        # 平台, 這台, 幫助台: 台 is how Taiwan and Hong Kong write it day to day
    ('重新新增', '重新加入'),
    ('通過工單', '透過工單'), ('返回了', '回傳了'),
    ('反饋', '回報'), ('倒計時', '倒數計時'), ('時間線', '時間軸'), ('生成', '產生'),
    ('渠道', '管道'), ('新建求助', '新增求助'), ('二維碼', 'QR Code'),
    ('當前', '目前'), ('不聯網', '不連網'), ('沒有聯網，聯網後', '沒有連上網路，連上後'),
    ('條未讀', '則未讀'), ('校驗', '驗證'), ('正文', '內文'),
    ('髮卡', '發卡'), ('換髮', '換發'),  # 发卡平台 issue cards, they do not sell hairpins
    ('物件', '對象'),                    # 投诉对象: whom the complaint is against, not an object
    ('程式碼', '代碼'),                  # 错误代码: an error code, not source code
    ('支援', '支持'),                    # 不支持退换: does not accept returns
]

# OpenCC phrases never to use: 系了 is 繫了 (tied) in its dictionary, but here it only ever ends 联系了.
NOT_PHRASES = {'系了'}


def fix(traditional: str) -> str:
    """OpenCC's s2twp output with the review's fixes applied."""
    for wrong, right in FIXES:
        traditional = traditional.replace(wrong, right)
    traditional = re.sub('手機號(?!碼)', '手機號碼', traditional)
    # Latin words stand apart from the Chinese around them.
    traditional = re.sub('(?<=[\u4e00-\u9fff])QR Code', ' QR Code', traditional)
    traditional = re.sub('QR Code(?=[\u4e00-\u9fff])', 'QR Code ', traditional)
    return re.sub('應用(?!程式)', '應用程式', traditional)

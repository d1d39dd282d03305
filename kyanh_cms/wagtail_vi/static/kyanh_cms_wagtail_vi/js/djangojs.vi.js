/* Vietnamese messages for the Wagtail admin (kyanh_cms.wagtail_vi).
   Generated from locale/vi/LC_MESSAGES/djangojs.po by scripts/messages_wagtail.py;
   do not edit. */
(function (globals) {
  "use strict";
  const django = globals.django || (globals.django = {});
  const catalog = django.catalog || (django.catalog = {});
  const messages = {
  "%(num)s error": [
    "%(num)s lỗi"
  ],
  "%(num)s min": [
    "%(num)s phút"
  ],
  "%(num)s pixel": [
    "%(num)s điểm ảnh"
  ],
  "%(time_zone_option)s: %(localized_time_zone_label)s": "%(time_zone_option)s: %(localized_time_zone_label)s",
  "(%(number)s new items in this menu)": "(%(number)s mục mới trong menu này)",
  "(1 new item in this menu)": "(1 mục mới trong menu này)",
  "(New)": "(Mới)",
  "A network error occurred.": "Đã xảy ra lỗi kết nối mạng.",
  "A server error occurred.": "Đã xảy ra lỗi máy chủ.",
  "Actions": "Thao tác",
  "Add": "Thêm",
  "Add a comment": "Thêm bình luận",
  "Alt text": "Văn bản thay thế",
  "Are you sure?": "Bạn có chắc chắn không?",
  "Autosave in progress…": "Đang tự động lưu…",
  "Blocks": "Khối nội dung",
  "Broken link": "Liên kết hỏng",
  "Cancel": "Hủy",
  "Changes have been autosaved.": "Các thay đổi đã được tự động lưu.",
  "Character count:": "Số ký tự:",
  "Close": "Đóng",
  "Collapse all": "Thu gọn tất cả",
  "Comment": "Bình luận",
  "Complex": "Phức tạp",
  "Dashboard": "Bảng điều khiển",
  "Decorative image": "Ảnh trang trí",
  "Delete": "Xóa",
  "Delete error": "Lỗi khi xóa",
  "Deleting": "Đang xóa",
  "Drag": "Kéo",
  "Duplicate": "Nhân bản",
  "Edit": "Chỉnh sửa",
  "Edit '%(title)s'": "Chỉnh sửa '%(title)s'",
  "Enter your comments...": "Nhập bình luận của bạn...",
  "Enter your reply...": "Nhập nội dung trả lời...",
  "Error while sending preview data.": "Lỗi khi gửi dữ liệu xem trước.",
  "Expand all": "Mở rộng tất cả",
  "Fair": "Trung bình",
  "Focus comment": "Chọn bình luận",
  "Good": "Tốt",
  "Horizontal line": "Đường kẻ ngang",
  "Insert a block": "Chèn khối nội dung",
  "Line break": "Ngắt dòng",
  "Loading…": "Đang tải…",
  "Main menu": "Menu chính",
  "Missing document": "Thiếu tài liệu",
  "More actions": "Thao tác khác",
  "Move down": "Chuyển xuống",
  "Move up": "Chuyển lên",
  "No": "Không",
  "No results": "Không có kết quả",
  "Page": "Trang",
  "Page explorer": "Trình duyệt trang",
  "Pages": "Trang",
  "Pin toolbar": "Ghim thanh công cụ",
  "Preview": "Xem trước",
  "Reload saved content": "Tải lại nội dung đã lưu",
  "Reload the page": "Tải lại trang",
  "Reply": "Trả lời",
  "Report this error to your website administrator with the following information:": "Vui lòng báo lỗi này cho quản trị viên trang web kèm theo thông tin sau:",
  "Resolve": "Đã giải quyết",
  "Retry": "Thử lại",
  "Save": "Lưu",
  "Save error": "Lỗi khi lưu",
  "Saving...": "Đang lưu...",
  "Search": "Tìm kiếm",
  "Search options…": "Tùy chọn tìm kiếm…",
  "See all": "Xem tất cả",
  "Server Error": "Lỗi máy chủ",
  "Settings": "Cài đặt",
  "Show error": "Xem lỗi",
  "Show latest content": "Hiển thị nội dung mới nhất",
  "Split block": "Tách khối nội dung",
  "The editor just crashed. Content has been reset to the last saved version.": "Trình soạn thảo vừa gặp sự cố. Nội dung đã được khôi phục về phiên bản đã lưu gần nhất.",
  "The maximum number of items is %(max_num)d": "Số mục tối đa là %(max_num)d",
  "The minimum number of items is %(min_num)d": "Số mục tối thiểu là %(min_num)d",
  "This field is required.": "Trường này là bắt buộc.",
  "Toggle section": "Mở/đóng mục",
  "Toggle side panel": "Mở/đóng bảng bên",
  "Toggle sidebar": "Mở/đóng thanh bên",
  "Unfocus comment": "Bỏ chọn bình luận",
  "Unpin toolbar": "Bỏ ghim thanh công cụ",
  "View child pages of '%(title)s'": "Xem các trang con của '%(title)s'",
  "Write something or type ‘/’ to insert a block": "Nhập nội dung hoặc gõ ‘/’ để chèn khối nội dung",
  "Yes": "Có"
};
  for (const key in messages) {
    catalog[key] = messages[key];
  }
  django.pluralidx = function () { return 0; };
  globals.pluralidx = django.pluralidx;
}(this));
